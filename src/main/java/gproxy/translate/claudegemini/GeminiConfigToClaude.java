package gproxy.translate.claudegemini;

import gproxy.translate.gemini.SchemaFromGemini;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.json.Json;

/**
 * Gemini {@code generationConfig}, {@code tools} and {@code toolConfig} → Claude request fields.
 * Claude takes temperature in [0, 1] (Gemini's goes to 2: clamped), rejects temperature and
 * {@code top_k} with thinking, and {@code top_p} below 0.95 with it: the conflicting ones are
 * dropped. Penalties, {@code seed}, logprobs, {@code responseModalities}, safety settings,
 * {@code cachedContent} and server-side tools (Google Search, code execution, URL context) have no
 * Claude counterpart and are dropped.
 */
final class GeminiConfigToClaude {
    private GeminiConfigToClaude() {
    }

    static void sampling(JsonNode config, ObjectNode out, boolean thinking) {
        JsonNode temperature = config.path("temperature");
        if (temperature.isNumber() && !thinking) {
            out.put("temperature", Math.max(0, Math.min(1, temperature.doubleValue())));
        }
        JsonNode topP = config.path("topP");
        if (topP.isNumber() && (!thinking || topP.asDouble() >= 0.95)) {
            out.set("top_p", topP);
        }
        if (config.path("topK").isIntegralNumber() && !thinking) {
            out.set("top_k", config.get("topK"));
        }
        ArrayNode stops = Nodes.array();
        for (JsonNode stop : Nodes.elements(config, "stopSequences")) {
            if (stop.isTextual() && !stop.textValue().isBlank()) {
                stops.add(stop); // Claude rejects blank stop sequences
            }
        }
        if (!stops.isEmpty()) {
            out.set("stop_sequences", stops);
        }
    }

    /** @param thinking Claude refuses forced tool use with thinking on, so a forced choice becomes auto */
    static void tools(JsonNode request, ObjectNode out, boolean thinking) {
        ArrayNode tools = Nodes.array();
        for (JsonNode tool : Nodes.elements(request, "tools")) {
            Nodes.elements(tool, "functionDeclarations").forEach(d -> tools.add(tool(d)));
        }
        boolean clientTools = !tools.isEmpty();
        Optional<ObjectNode> answer = StructuredOutput.tool(request.path("generationConfig"));
        answer.ifPresent(tools::add);
        if (tools.isEmpty()) {
            return; // Claude rejects tool_choice without tools
        }
        out.set("tools", tools);
        JsonNode calling = request.path("toolConfig").path("functionCallingConfig");
        Optional<ObjectNode> choice = clientTools ? choice(calling) : Optional.empty();
        if (answer.isPresent() && choice.map(c -> !Nodes.text(c, "type").orElse("").equals("none")).orElse(true)) {
            // the answer or a real call, never prose; with no client tools, the answer itself
            choice = Optional.of(clientTools ? Json.object().put("type", "any")
                    : Json.object().put("type", "tool").put("name", StructuredOutput.TOOL_NAME));
        }
        if (thinking && choice.map(c -> Nodes.text(c, "type").filter(t -> t.equals("any") || t.equals("tool")).isPresent()).orElse(false)) {
            choice = Optional.of(Json.object().put("type", "auto"));
        }
        choice.ifPresent(c -> out.set("tool_choice", c));
    }

    private static ObjectNode tool(JsonNode declaration) {
        ObjectNode tool = Json.object().put("name", Nodes.text(declaration, "name").orElse(""));
        Nodes.nonEmpty(declaration, "description").ifPresent(d -> tool.put("description", d));
        JsonNode schema = declaration.path("parametersJsonSchema").isObject() ? declaration.get("parametersJsonSchema")
                : declaration.path("parameters").isObject() ? SchemaFromGemini.convert(declaration.get("parameters"))
                : Json.object();
        ObjectNode input = schema.deepCopy();
        if (!input.has("type")) {
            input.put("type", "object"); // Claude requires an object schema; Gemini lets a function take nothing
        }
        if (!input.has("properties")) {
            input.putObject("properties");
        }
        tool.set("input_schema", input);
        return tool;
    }

    /** AUTO/ANY/NONE; ANY with one allowed name forces it. Several allowed names cannot narrow Claude's choice. */
    private static Optional<ObjectNode> choice(JsonNode calling) {
        if (!calling.isObject()) {
            return Optional.empty();
        }
        List<JsonNode> names = Nodes.elements(calling, "allowedFunctionNames");
        return Optional.of(switch (Nodes.text(calling, "mode").orElse("AUTO")) {
            case "NONE" -> Json.object().put("type", "none");
            case "ANY" -> names.size() == 1 ? Json.object().put("type", "tool").put("name", names.getFirst().asText())
                    : Json.object().put("type", "any");
            default -> Json.object().put("type", "auto"); // AUTO, VALIDATED
        });
    }
}
