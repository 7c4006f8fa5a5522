package gproxy.translate.responsesclaude;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.json.Json;

/**
 * Structured output: Responses {@code text.format} ↔ Claude {@code output_config.format} (formerly
 * the beta {@code output_format}), both a JSON Schema the answer's text follows. Responses'
 * {@code strict} has no Claude field (Claude's structured outputs are always constrained) and its
 * {@code name}/{@code description} none either. JSON mode without a schema ({@code json_object}) has
 * no Claude form; it becomes an instruction in the system prompt (approximated).
 */
final class Format {
    static final String JSON_OBJECT_HINT = "Answer with a single JSON object and nothing else.";

    private Format() {
    }

    static void toClaude(JsonNode format, ObjectNode claudeRequest) {
        if (!Nodes.text(format, "type").equals("json_schema") || !format.path("schema").isObject()) {
            return;
        }
        ObjectNode config = claudeRequest.path("output_config") instanceof ObjectNode existing
                ? existing : claudeRequest.putObject("output_config");
        config.putObject("format").put("type", "json_schema").set("schema", format.path("schema"));
    }

    static String jsonObjectHint(JsonNode responsesRequest) {
        return Nodes.text(responsesRequest.path("text").path("format"), "type").equals("json_object") ? JSON_OBJECT_HINT : "";
    }

    /** A Claude request's structured output as a Responses {@code text.format}. */
    static Optional<ObjectNode> toResponses(JsonNode claudeRequest) {
        JsonNode format = claudeRequest.path("output_config").path("format");
        format = format.isObject() ? format : claudeRequest.path("output_format");
        if (!Nodes.text(format, "type").equals("json_schema") || !format.path("schema").isObject()) {
            return Optional.empty();
        }
        ObjectNode out = Json.object().put("type", "json_schema").put("name", "output");
        out.set("schema", format.path("schema"));
        return Optional.of(out);
    }
}
