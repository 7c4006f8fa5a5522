package gproxy.admin;

import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import gproxy.json.Json;
import io.helidon.webserver.http.ServerRequest;

/** One routed admin request: the exchange, who is calling, and the numeric ids bound from the path. */
record Call(ServerRequest req, Optional<Actor> actor, Map<String, Long> ids) {

    Call {
        ids = Map.copyOf(ids);
    }

    long id(String name) {
        Long id = ids.get(name);
        if (id == null) {
            throw new IllegalStateException("route has no {" + name + "}");
        }
        return id;
    }

    long id() {
        return id("id");
    }

    /** The request body as JSON; malformed or empty bodies are a 400 {@code invalid_json}. */
    JsonNode body() {
        byte[] bytes = req.content().hasEntity() ? req.content().as(byte[].class) : new byte[0];
        return Json.parse(bytes);
    }

    Optional<String> query(String name) {
        return req.query().first(name).asOptional();
    }
}
