package gproxy.translate.geminichat;

import gproxy.translate.Nodes;
import gproxy.translate.gemini.SchemaFromGemini;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.json.Json;

/**
 * Gemini {@code generationConfig}, {@code tools} and {@code toolConfig} → Chat request fields.
 * {@code maxOutputTokens} becomes {@code max_completion_tokens} (the field reasoning models accept;
 * {@code max_tokens} is deprecated). {@code topK} has no Chat field and is dropped.
 */
final class GeminiConfigToChat {
    /** Gemini field → Chat field, for values that mean the same on both sides. */
    private static final List<String[]> SAME = List.of(
            new String[] {"temperature", "temperature"}, new String[] {"topP", "top_p"},
            new String[] {"candidateCount", "n"}, new String[] {"maxOutputTokens", "max_completion_tokens"},
            new String[] {"seed", "seed"}, new String[] {"presencePenalty", "presence_penalty"},
            new String[] {"frequencyPenalty", "frequency_penalty"}, new String[] {"responseLogprobs", "logprobs"},
            new String[] {"logprobs", "top_logprobs"}, new String[] {"stopSequences", "stop"});

    private GeminiConfigToChat() {
    }

    static void generation(JsonNode config, ObjectNode out) {
        for (String[] pair : SAME) {
            if (Nodes.has(config, pair[0])) {
                out.set(pair[1], config.get(pair[0]));
            }
        }
        ThinkingBudgets.effort(config.path("thinkingConfig")).ifPresent(e -> out.put("reasoning_effort", e));
        responseFormat(config, out);
    }

    private static void responseFormat(JsonNode config, ObjectNode out) {
        JsonNode schema = config.path("responseJsonSchema").isObject() ? config.get("responseJsonSchema")
                : config.path("responseSchema").isObject() ? SchemaFromGemini.convert(config.get("responseSchema"))
                : null;
        if (schema != null) {
            ObjectNode format = out.putObject("response_format").put("type", "json_schema");
            // Not strict: OpenAI's strict mode wants every property required and no extra keys, which
            // Gemini schemas rarely say; the loose form accepts what Gemini would have produced.
            format.putObject("json_schema").put("name", "response").set("schema", schema);
            return;
        }
        if (Nodes.text(config, "responseMimeType").filter("application/json"::equals).isPresent()) {
            out.putObject("response_format").put("type", "json_object");
        }
    }

    static void tools(JsonNode request, ObjectNode out) {
        ArrayNode tools = Json.MAPPER.createArrayNode();
        for (JsonNode tool : Nodes.elements(request, "tools")) {
            for (JsonNode declaration : Nodes.elements(tool, "functionDeclarations")) {
                tools.add(function(declaration));
            }
        }
        if (!tools.isEmpty()) {
            out.set("tools", tools);
        }
        JsonNode calling = request.path("toolConfig").path("functionCallingConfig");
        if (calling.isObject() && !tools.isEmpty()) {
            toolChoice(calling, out);
        }
    }

    private static ObjectNode function(JsonNode declaration) {
        ObjectNode function = Json.object();
        function.put("name", Nodes.text(declaration, "name").orElse(""));
        Nodes.text(declaration, "description").ifPresent(d -> function.put("description", d));
        JsonNode parameters = declaration.path("parametersJsonSchema").isObject() ? declaration.get("parametersJsonSchema")
                : declaration.path("parameters").isObject() ? SchemaFromGemini.convert(declaration.get("parameters"))
                : Json.object().put("type", "object").set("properties", Json.object());
        function.set("parameters", parameters);
        ObjectNode tool = Json.object().put("type", "function");
        tool.set("function", function);
        return tool;
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
            ObjectNode choice = out.putObject("tool_choice").put("type", "function");
            choice.putObject("function").put("name", names.get(0).asText());
            return;
        }
        ObjectNode allowed = out.putObject("tool_choice").put("type", "allowed_tools").putObject("allowed_tools");
        allowed.put("mode", required ? "required" : "auto");
        ArrayNode list = allowed.putArray("tools");
        names.forEach(n -> list.addObject().put("type", "function").putObject("function").put("name", n.asText()));
    }
}
