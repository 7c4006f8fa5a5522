package gproxy.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import gproxy.json.Json;
import io.helidon.http.Header;

/**
 * What an admin handler answers, before it is written: the status is known up front so the audit
 * row can record it. Bodies are JSON.
 */
record Reply(int status, Optional<byte[]> body, List<Header> headers) {

    Reply {
        headers = List.copyOf(headers);
    }

    static Reply json(JsonNode body) {
        return json(200, body);
    }

    static Reply json(int status, JsonNode body) {
        return new Reply(status, Optional.of(Json.bytes(body)), List.of());
    }

    static Reply noContent() {
        return new Reply(204, Optional.empty(), List.of());
    }

    Reply with(Header header) {
        List<Header> more = new ArrayList<>(headers);
        more.add(header);
        return new Reply(status, body, more);
    }
}
