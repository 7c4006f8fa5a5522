package gproxy.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.json.Json;

/**
 * Gemini's batch bodies name the model once more inside each request: {@code :batchEmbedContents}
 * takes {@code {"requests":[{"model":"models/m","content":…}, …]}}, and Google refuses a request
 * whose model differs from the one in the path. The Google Gen AI SDKs use this method for every
 * {@code embedContent} call, so the inner models carry the gateway's name and must follow the path
 * model to the upstream's id. The two verbs are told apart by the body's shape, which is what the
 * upstream's own methods accept.
 */
public final class GeminiBatch {
    private static final String REQUESTS = "requests";

    private GeminiBatch() {
    }

    /** Whether an embedding body is a batch (a top-level {@code requests} array). */
    public static boolean isBatch(byte[] body) {
        return Json.parse(body).path(REQUESTS).isArray();
    }

    /**
     * The body with every {@code requests[].model} set to {@code models/{upstreamModel}}; a body that
     * is not a batch, or whose requests already name that model, is returned as it was.
     */
    public static byte[] rewriteModels(byte[] body, String upstreamModel) {
        JsonNode root = Json.parse(body);
        JsonNode requests = root.path(REQUESTS);
        if (!requests.isArray()) {
            return body;
        }
        String resource = upstreamModel.startsWith("models/") ? upstreamModel : "models/" + upstreamModel;
        boolean changed = false;
        for (JsonNode request : requests) {
            if (request instanceof ObjectNode object && object.has("model")
                    && !resource.equals(object.path("model").asText())) {
                object.put("model", resource);
                changed = true;
            }
        }
        return changed ? Json.bytes(root) : body;
    }
}
