package gproxy.translate.responsesgemini;

import gproxy.translate.Nodes;
import gproxy.translate.gemini.SchemaToGemini;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.json.Json;

/**
 * Responses sampling, {@code text}, {@code reasoning} and tool fields → Gemini
 * {@code generationConfig}, {@code tools} and {@code toolConfig}. Schemas are converted to Gemini's
 * OpenAPI subset ({@link SchemaToGemini}). Built-in Responses tools (web search, file search,
 * computer use, MCP, …) run inside OpenAI and are dropped; {@code strict} has no Gemini switch, nor
 * has {@code parallel_tool_calls} (Gemini may call several functions at once either way).
 */
final class ResponsesControlsToGemini {
    private ResponsesControlsToGemini() {
    }

    static ObjectNode generation(JsonNode request, String upstreamModel) {
        ObjectNode config = Json.object();
        if (Nodes.has(request, "temperature")) {
            config.set("temperature", request.get("temperature"));
        }
        if (Nodes.has(request, "top_p")) {
            config.set("topP", request.get("top_p"));
        }
        if (request.path("max_output_tokens").canConvertToLong()) {
            config.put("maxOutputTokens", request.get("max_output_tokens").asLong());
        }
        if (request.path("top_logprobs").canConvertToInt()) {
            config.put("responseLogprobs", true).put("logprobs", request.get("top_logprobs").asInt());
        }
        ThinkingBudgets.config(request.path("reasoning"), upstreamModel).ifPresent(t -> config.set("thinkingConfig", t));
        format(request.path("text").path("format"), config);
        return config;
    }

    private static void format(JsonNode format, ObjectNode config) {
        String type = Nodes.text(format, "type").orElse("text");
        if (type.equals("json_object")) {
            config.put("responseMimeType", "application/json");
        } else if (type.equals("json_schema")) {
            config.put("responseMimeType", "application/json");
            if (format.path("schema").isObject()) {
                config.set("responseSchema", SchemaToGemini.convert(format.get("schema")));
            }
        }
    }

    static void tools(JsonNode request, ObjectNode out) {
        ArrayNode declarations = Json.MAPPER.createArrayNode();
        for (JsonNode tool : Nodes.elements(request, "tools")) {
            if (!Nodes.text(tool, "type").orElse("").equals("function")) {
                continue; // built-in tools run inside the Responses API only
            }
            ObjectNode declaration = declarations.addObject();
            declaration.put("name", Nodes.text(tool, "name").orElse(""));
            Nodes.text(tool, "description").ifPresent(d -> declaration.put("description", d));
            JsonNode parameters = tool.path("parameters");
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
        String type = Nodes.text(choice, "type").orElse("");
        ObjectNode config = Json.object();
        if (type.equals("allowed_tools")) {
            config.put("mode", Nodes.text(choice, "mode").orElse("auto").equals("required") ? "ANY" : "AUTO");
            ArrayNode names = config.putArray("allowedFunctionNames");
            Nodes.elements(choice, "tools").stream().filter(t -> Nodes.text(t, "type").orElse("function").equals("function"))
                    .forEach(t -> Nodes.text(t, "name").ifPresent(names::add));
            return Optional.of(config);
        }
        if (type.equals("function")) {
            return Nodes.text(choice, "name").map(name -> {
                config.put("mode", "ANY");
                config.putArray("allowedFunctionNames").add(name);
                return config;
            });
        }
        return Optional.empty(); // a built-in tool forced: Gemini has none of them
    }
}
