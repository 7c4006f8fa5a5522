package gproxy.translate.responsesgemini;

import gproxy.translate.Nodes;
import gproxy.translate.gemini.SchemaFromGemini;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.json.Json;

/**
 * Gemini {@code generationConfig}, {@code tools} and {@code toolConfig} → Responses request fields.
 * The Responses API has no {@code stop}, {@code seed}, penalties or {@code topK}: those are dropped.
 * Function tools are sent non-strict: Responses makes tools strict by default, and strict mode
 * wants every property required and no extra keys, which Gemini schemas rarely say. Server-side
 * Gemini tools (Google Search, code execution, URL context) are dropped.
 */
final class GeminiConfigToResponses {
    private GeminiConfigToResponses() {
    }

    static void generation(JsonNode config, ObjectNode out) {
        if (Nodes.has(config, "temperature")) {
            out.set("temperature", config.get("temperature"));
        }
        if (Nodes.has(config, "topP")) {
            out.set("top_p", config.get("topP"));
        }
        if (config.path("maxOutputTokens").canConvertToLong()) {
            out.put("max_output_tokens", config.get("maxOutputTokens").asLong());
        }
        if (config.path("logprobs").canConvertToInt()) {
            out.put("top_logprobs", config.get("logprobs").asInt());
        }
        reasoning(config.path("thinkingConfig"), out);
        format(config, out);
    }

    /** Thinking asked for: an effort, a summary when thoughts are included, and the encrypted reasoning to replay. */
    private static void reasoning(JsonNode thinking, ObjectNode out) {
        ObjectNode reasoning = Json.object();
        ThinkingBudgets.effort(thinking).ifPresent(e -> reasoning.put("effort", e));
        if (thinking.path("includeThoughts").asBoolean(false)) {
            reasoning.put("summary", "auto");
        }
        if (reasoning.isEmpty()) {
            return;
        }
        out.set("reasoning", reasoning);
        if (!reasoning.path("effort").asText().equals("none")) {
            out.putArray("include").add("reasoning.encrypted_content"); // not stored: the client's history carries it
        }
    }

    private static void format(JsonNode config, ObjectNode out) {
        JsonNode schema = config.path("responseJsonSchema").isObject() ? config.get("responseJsonSchema")
                : config.path("responseSchema").isObject() ? SchemaFromGemini.convert(config.get("responseSchema"))
                : null;
        if (schema != null) {
            out.putObject("text").putObject("format").put("type", "json_schema").put("name", "response")
                    .put("strict", false).set("schema", schema);
            return;
        }
        if (Nodes.text(config, "responseMimeType").filter("application/json"::equals).isPresent()) {
            out.putObject("text").putObject("format").put("type", "json_object");
        }
    }

    static void tools(JsonNode request, ObjectNode out) {
        ArrayNode tools = Json.MAPPER.createArrayNode();
        for (JsonNode tool : Nodes.elements(request, "tools")) {
            for (JsonNode declaration : Nodes.elements(tool, "functionDeclarations")) {
                tools.add(function(declaration));
            }
        }
        if (tools.isEmpty()) {
            return;
        }
        out.set("tools", tools);
        JsonNode calling = request.path("toolConfig").path("functionCallingConfig");
        if (calling.isObject()) {
            toolChoice(calling, out);
        }
    }

    private static ObjectNode function(JsonNode declaration) {
        ObjectNode tool = Json.object().put("type", "function").put("name", Nodes.text(declaration, "name").orElse(""));
        Nodes.text(declaration, "description").ifPresent(d -> tool.put("description", d));
        JsonNode parameters = declaration.path("parametersJsonSchema").isObject() ? declaration.get("parametersJsonSchema")
                : declaration.path("parameters").isObject() ? SchemaFromGemini.convert(declaration.get("parameters"))
                : Json.object().put("type", "object").set("properties", Json.object());
        tool.set("parameters", parameters);
        return tool.put("strict", false);
    }

    private static void toolChoice(JsonNode calling, ObjectNode out) {
        String mode = Nodes.text(calling, "mode").orElse("AUTO");
        List<JsonNode> names = Nodes.elements(calling, "allowedFunctionNames");
        if (mode.equals("NONE")) {
            out.put("tool_choice", "none");
            return;
        }
        boolean required = mode.equals("ANY");
        if (names.isEmpty()) {
            out.put("tool_choice", required ? "required" : "auto");
            return;
        }
        if (required && names.size() == 1) {
            out.putObject("tool_choice").put("type", "function").put("name", names.get(0).asText());
            return;
        }
        ObjectNode allowed = out.putObject("tool_choice").put("type", "allowed_tools").put("mode", required ? "required" : "auto");
        ArrayNode list = allowed.putArray("tools");
        names.forEach(n -> list.addObject().put("type", "function").put("name", n.asText()));
    }
}
