package gproxy.engine;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.json.Json;

/**
 * A streaming client's body as a request for a whole answer: {@code stream} and
 * {@code stream_options} taken out (OpenAI refuses {@code stream_options} without {@code stream};
 * Gemini bodies carry neither, their path says it). A body that is not a JSON object goes as it is,
 * for the upstream (or the converter) to refuse.
 */
final class Unstreamed {
    private Unstreamed() {
    }

    static byte[] body(byte[] body) {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(body);
        } catch (IOException e) {
            return body;
        }
        if (!(node instanceof ObjectNode object) || !object.has("stream") && !object.has("stream_options")) {
            return body;
        }
        object.remove("stream");
        object.remove("stream_options");
        return Json.bytes(object);
    }
}
