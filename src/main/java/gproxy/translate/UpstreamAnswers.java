package gproxy.translate;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;

import gproxy.error.GatewayException;
import gproxy.json.Json;

/**
 * Reads an upstream's buffered answer for conversion. An answer that is not the JSON object its
 * dialect promises is the upstream's fault: 502 {@code upstream_error}, never the client's 400.
 */
public final class UpstreamAnswers {
    private UpstreamAnswers() {
    }

    public static JsonNode object(byte[] body, String what) {
        try {
            JsonNode node = Json.MAPPER.readTree(body);
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (IOException e) {
            // below: the same answer for malformed JSON and for the wrong shape
        }
        throw new GatewayException(502, "upstream_error", "upstream " + what + " answer is not a JSON object");
    }

    /** 502: the answer lacks what converting it needs. */
    public static GatewayException missing(String what, String field) {
        return new GatewayException(502, "upstream_error", "upstream " + what + " answer has no " + field);
    }
}
