package gproxy.translate.embeddings;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.billing.CharacterEstimate;
import gproxy.billing.RequestText;
import gproxy.error.GatewayException;
import gproxy.json.Json;
import gproxy.translate.TranslationContext;
import gproxy.translate.UpstreamAnswers;

/**
 * An OpenAI embeddings client served by Gemini. One string input is one {@code :embedContent}; an
 * array of strings is one {@code :batchEmbedContents} whose requests keep the input order (the
 * channel picks the method from the body's shape). {@code dimensions} → {@code outputDimensionality};
 * {@code encoding_format: base64} is honoured on the way back (little-endian float32, as OpenAI
 * encodes it). Token-id inputs cannot be converted: Gemini embeds text only.
 *
 * <p>Gemini reports no usage for embeddings. The client's {@code usage} is the gateway's estimate of
 * the input, the same one settlement records ({@code usage_source=estimated}): characters of the
 * request's text / 2.
 */
final class OpenAiToGeminiEmbeddings {
    private boolean base64;
    private boolean batch;
    private long estimatedTokens;

    byte[] request(byte[] clientBody, TranslationContext context) {
        JsonNode in = Json.parse(clientBody);
        List<String> texts = texts(in.path("input"));
        String format = in.path("encoding_format").asText("float");
        if (!format.equals("float") && !format.equals("base64")) {
            throw GatewayException.invalid("encoding_format", "'" + format + "' (expected: float or base64)");
        }
        base64 = format.equals("base64");
        batch = in.path("input").isArray();
        estimatedTokens = CharacterEstimate.tokens(RequestText.of(clientBody));
        String model = context.upstreamModel().startsWith("models/") ? context.upstreamModel()
                : "models/" + context.upstreamModel();
        JsonNode dimensions = in.path("dimensions");
        if (!batch) {
            return Json.bytes(content(texts.getFirst(), dimensions));
        }
        ObjectNode out = Json.object();
        ArrayNode requests = out.putArray("requests");
        for (String text : texts) {
            requests.add(content(text, dimensions).put("model", model));
        }
        return Json.bytes(out);
    }

    byte[] response(byte[] upstreamBody, TranslationContext context) {
        JsonNode answer = UpstreamAnswers.object(upstreamBody, "embeddings");
        List<JsonNode> vectors = new ArrayList<>();
        if (batch) {
            answer.path("embeddings").forEach(e -> vectors.add(e.path("values")));
        } else if (answer.path("embedding").isObject()) {
            vectors.add(answer.path("embedding").path("values"));
        }
        if (vectors.isEmpty() || vectors.stream().anyMatch(v -> !v.isArray())) {
            throw UpstreamAnswers.missing("embeddings", batch ? "embeddings[].values" : "embedding.values");
        }
        ObjectNode out = Json.object();
        out.put("object", "list");
        ArrayNode data = out.putArray("data");
        for (int i = 0; i < vectors.size(); i++) {
            ObjectNode item = data.addObject().put("object", "embedding").put("index", i);
            if (base64) {
                item.put("embedding", base64(vectors.get(i)));
            } else {
                item.set("embedding", vectors.get(i));
            }
        }
        out.put("model", context.clientModel());
        out.putObject("usage").put("prompt_tokens", estimatedTokens).put("total_tokens", estimatedTokens);
        return Json.bytes(out);
    }

    private static List<String> texts(JsonNode input) {
        if (input.isTextual()) {
            return List.of(input.asText());
        }
        if (!input.isArray() || input.isEmpty()) {
            throw GatewayException.invalid("input", "missing or empty (expected: a string or an array of strings)");
        }
        List<String> texts = new ArrayList<>(input.size());
        for (JsonNode item : input) {
            if (!item.isTextual()) {
                throw GatewayException.invalid("input", "token ids cannot be embedded by a Gemini model "
                        + "(expected: text)");
            }
            texts.add(item.asText());
        }
        return texts;
    }

    private static ObjectNode content(String text, JsonNode dimensions) {
        ObjectNode request = Json.object();
        request.putObject("content").putArray("parts").addObject().put("text", text);
        if (dimensions.canConvertToInt()) {
            request.put("outputDimensionality", dimensions.asInt());
        }
        return request;
    }

    private static String base64(JsonNode values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.size() * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        values.forEach(v -> buffer.putFloat(v.floatValue()));
        return Base64.getEncoder().encodeToString(buffer.array());
    }
}
