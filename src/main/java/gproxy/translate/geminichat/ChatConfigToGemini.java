package gproxy.translate.geminichat;

import gproxy.translate.Nodes;
import gproxy.translate.gemini.SchemaToGemini;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.json.Json;

/**
 * Chat sampling, output and tool fields → Gemini {@code generationConfig}, {@code tools} and
 * {@code toolConfig}. Schemas are converted to Gemini's OpenAPI subset ({@link SchemaToGemini}).
 * {@code reasoning_effort} becomes a thinking budget and asks for thought summaries, which come
 * back as {@code reasoning_content}.
 */
final class ChatConfigToGemini {
    /** Chat field → Gemini field, for values that mean the same on both sides. */
    private static final List<String[]> SAME = List.of(
            new String[] {"temperature", "temperature"}, new String[] {"top_p", "topP"},
            new String[] {"n", "candidateCount"}, new String[] {"seed", "seed"},
            new String[] {"presence_penalty", "presencePenalty"}, new String[] {"frequency_penalty", "frequencyPenalty"},
            new String[] {"logprobs", "responseLogprobs"}, new String[] {"top_logprobs", "logprobs"});

    private ChatConfigToGemini() {
    }

    static ObjectNode generation(JsonNode request) {
        ObjectNode config = Json.object();
        for (String[] pair : SAME) {
            if (Nodes.has(request, pair[0])) {
                config.set(pair[1], request.get(pair[0]));
            }
        }
        JsonNode max = Nodes.has(request, "max_completion_tokens") ? request.get("max_completion_tokens") : request.path("max_tokens");
        if (max.canConvertToLong()) {
            config.put("maxOutputTokens", max.asLong());
        }
        JsonNode stop = request.path("stop");
        if (stop.isTextual()) {
            config.putArray("stopSequences").add(stop.asText());
        } else if (stop.isArray() && !stop.isEmpty()) {
            config.set("stopSequences", stop);
        }
        Nodes.text(request, "reasoning_effort").flatMap(ThinkingBudgets::budget).ifPresent(budget ->
                config.putObject("thinkingConfig").put("thinkingBudget", budget).put("includeThoughts", budget != 0));
        responseFormat(request.path("response_format"), config);
        return config;
    }

    private static void responseFormat(JsonNode format, ObjectNode config) {
        String type = Nodes.text(format, "type").orElse("text");
        if (type.equals("json_object")) {
            config.put("responseMimeType", "application/json");
        } else if (type.equals("json_schema")) {
            config.put("responseMimeType", "application/json");
            JsonNode schema = format.path("json_schema").path("schema");
            if (schema.isObject()) {
                config.set("responseSchema", SchemaToGemini.convert(schema));
            }
        }
    }

    static void tools(JsonNode request, ObjectNode out) {
        ArrayNode declarations = Json.MAPPER.createArrayNode();
        for (JsonNode tool : Nodes.elements(request, "tools")) {
            JsonNode function = tool.path("function");
            if (!Nodes.text(tool, "type").orElse("function").equals("function") || !function.isObject()) {
                continue; // custom tools have no Gemini form
            }
            ObjectNode declaration = declarations.addObject();
            declaration.put("name", Nodes.text(function, "name").orElse(""));
            Nodes.text(function, "description").ifPresent(d -> declaration.put("description", d));
            JsonNode parameters = function.path("parameters");
            // Gemini rejects an OBJECT schema without properties: a function that takes nothing says nothing.
            if (parameters.path("properties").isObject() && !parameters.get("properties").isEmpty()) {
                declaration.set("parameters", SchemaToGemini.convert(parameters));
            }
        }
        if (declarations.isEmpty()) {
            return;
        }
        out.putArray("tools").addObject().set("functionDeclarations", declarations);
        toolChoice(request.path("tool_choice")).ifPresent(c -> out.putObject("toolConfig").set("functionCallingConfig", c));
    }

    private static Optional<ObjectNode> toolChoice(JsonNode choice) {
        if (choice.isTextual()) {
            String mode = switch (choice.asText()) {
                case "none" -> "NONE";
                case "required" -> "ANY";
                default -> "AUTO";
            };
            return Optional.of(Json.object().put("mode", mode));
        }
        if (!choice.isObject()) {
            return Optional.empty();
        }
        ObjectNode config = Json.object();
        if (choice.path("type").asText().equals("allowed_tools")) {
            JsonNode allowed = choice.path("allowed_tools");
            config.put("mode", allowed.path("mode").asText().equals("required") ? "ANY" : "AUTO");
            ArrayNode names = config.putArray("allowedFunctionNames");
            Nodes.elements(allowed, "tools").forEach(t -> Nodes.text(t.path("function"), "name").ifPresent(names::add));
            return Optional.of(config);
        }
        return Nodes.text(choice.path("function"), "name").map(name -> {
            config.put("mode", "ANY");
            config.putArray("allowedFunctionNames").add(name);
            return config;
        });
    }
}
