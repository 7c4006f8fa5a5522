package gproxy.translate.embeddings;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.error.GatewayException;
import gproxy.json.Json;
import gproxy.translate.TranslationContext;
import gproxy.translate.UpstreamAnswers;

/**
 * A Gemini embeddings client served by OpenAI. {@code :embedContent} sends one string input,
 * {@code :batchEmbedContents} an array in request order, and the answer comes back as one
 * {@code embedding} or as {@code embeddings} to match. The text parts of a content are joined with a
 * newline (OpenAI embeds strings, not parts); {@code outputDimensionality} → {@code dimensions},
 * which must then be the same for every request of a batch. {@code taskType} and {@code title} have
 * no OpenAI counterpart and are dropped.
 */
final class GeminiToOpenAiEmbeddings {
    private boolean batch;

    byte[] request(byte[] clientBody, TranslationContext context) {
        JsonNode in = Json.parse(clientBody);
        batch = in.path("requests").isArray();
        List<JsonNode> requests = new ArrayList<>();
        if (batch) {
            in.path("requests").forEach(requests::add);
        } else {
            requests.add(in);
        }
        if (requests.isEmpty()) {
            throw GatewayException.invalid("requests", "is empty (expected: at least one request)");
        }
        ObjectNode out = Json.object();
        out.put("model", context.upstreamModel());
        if (batch) {
            ArrayNode input = out.putArray("input");
            requests.forEach(r -> input.add(text(r)));
        } else {
            out.put("input", text(requests.getFirst()));
        }
        dimensions(requests).ifPresent(d -> out.put("dimensions", d));
        out.put("encoding_format", "float");
        return Json.bytes(out);
    }

    byte[] response(byte[] upstreamBody, TranslationContext context) {
        JsonNode data = UpstreamAnswers.object(upstreamBody, "embeddings").path("data");
        if (!data.isArray() || data.isEmpty()) {
            throw UpstreamAnswers.missing("embeddings", "data");
        }
        JsonNode[] ordered = new JsonNode[data.size()];
        for (JsonNode item : data) {
            int index = item.path("index").asInt(-1);
            if (index < 0 || index >= ordered.length || !item.path("embedding").isArray()) {
                throw UpstreamAnswers.missing("embeddings", "data[].embedding as a float array");
            }
            ordered[index] = item.path("embedding");
        }
        ObjectNode out = Json.object();
        if (!batch) {
            out.putObject("embedding").set("values", ordered[0]);
            return Json.bytes(out);
        }
        ArrayNode embeddings = out.putArray("embeddings");
        for (JsonNode values : ordered) {
            if (values == null) {
                throw UpstreamAnswers.missing("embeddings", "one embedding per input");
            }
            embeddings.addObject().set("values", values);
        }
        return Json.bytes(out);
    }

    private static String text(JsonNode request) {
        JsonNode parts = request.path("content").path("parts");
        List<String> texts = new ArrayList<>();
        for (JsonNode part : parts) {
            if (!part.path("text").isTextual()) {
                throw GatewayException.invalid("content.parts", "only text parts can be embedded by an OpenAI "
                        + "model (expected: text)");
            }
            texts.add(part.path("text").asText());
        }
        if (texts.isEmpty()) {
            throw GatewayException.invalid("content.parts", "missing or empty (expected: text parts)");
        }
        return String.join("\n", texts);
    }

    private static Optional<Integer> dimensions(List<JsonNode> requests) {
        Optional<Integer> first = dimension(requests.getFirst());
        for (JsonNode request : requests) {
            if (!dimension(request).equals(first)) {
                throw GatewayException.invalid("outputDimensionality", "differs between requests of one batch "
                        + "(expected: the same for all, as OpenAI takes one)");
            }
        }
        return first;
    }

    private static Optional<Integer> dimension(JsonNode request) {
        JsonNode d = request.path("outputDimensionality");
        return d.canConvertToInt() ? Optional.of(d.asInt()) : Optional.empty();
    }
}
