package gproxy.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

import gproxy.json.Json;

/**
 * A request as the fake upstream received it.
 *
 * @param method the request method
 * @param target the request target as sent: path and query
 * @param headers by case-insensitive name, values in the order received
 * @param body the body, de-chunked; empty when there was none
 * @param sequence the request's position on this server, from 0
 * @param connection which accepted connection carried it, from 0 (equal values mean keep-alive reuse)
 */
public record RecordedRequest(String method, String target, Map<String, List<String>> headers, byte[] body,
        int sequence, int connection) {

    public RecordedRequest {
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        headers = java.util.Collections.unmodifiableMap(copy);
        body = body.clone();
    }

    public String path() {
        int q = target.indexOf('?');
        return q < 0 ? target : target.substring(0, q);
    }

    /** The raw query without {@code ?}, empty when there is none. */
    public String query() {
        int q = target.indexOf('?');
        return q < 0 ? "" : target.substring(q + 1);
    }

    /** The first value of a header, by case-insensitive name. */
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name)).flatMap(v -> v.stream().findFirst());
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    public String bodyText() {
        return new String(body, UTF_8);
    }

    public JsonNode bodyJson() {
        return Json.parse(body);
    }

    @Override
    public String toString() {
        return method + " " + target + " (" + body.length + " body bytes, request " + sequence + ", connection "
                + connection + ")";
    }
}
