package gproxy.translate.responseschat;

import gproxy.translate.Nodes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.json.Json;

/**
 * Chat tools, tool choice, {@code response_format}, reasoning and sampling fields → Responses
 * fields. Chat nests a function tool under {@code function}; Responses wants it flat.
 */
final class ChatControlsToResponses {
    private ChatControlsToResponses() {
    }

    static void apply(JsonNode request, ObjectNode out) {
        for (String field : ResponsesControlsToChat.SHARED) {
            if (Nodes.has(request, field)) {
                out.set(field, request.get(field));
            }
        }
        Nodes.text(request, "prompt_cache_key").ifPresent(k -> out.put("prompt_cache_key", k));
        JsonNode max = Nodes.has(request, "max_completion_tokens") ? request.get("max_completion_tokens") : request.path("max_tokens");
        if (max.canConvertToLong()) {
            out.put("max_output_tokens", max.asLong());
        }
        if (request.path("logprobs").asBoolean(false) && request.path("top_logprobs").canConvertToInt()) {
            out.set("top_logprobs", request.get("top_logprobs"));
        }
        Nodes.text(request, "reasoning_effort").ifPresent(e -> out.putObject("reasoning").put("effort", e));
        text(request, out);
        tools(request, out);
    }

    private static void text(JsonNode request, ObjectNode out) {
        JsonNode format = request.path("response_format");
        String type = Nodes.text(format, "type").orElse("");
        ObjectNode text = Json.object();
        if (type.equals("text") || type.equals("json_object")) {
            text.putObject("format").put("type", type);
        } else if (type.equals("json_schema")) {
            ObjectNode flat = text.putObject("format").put("type", "json_schema");
            JsonNode schema = format.path("json_schema");
            for (String field : new String[] {"name", "description", "schema", "strict"}) {
                if (Nodes.has(schema, field)) {
                    flat.set(field, schema.get(field));
                }
            }
        }
        Nodes.text(request, "verbosity").ifPresent(v -> text.put("verbosity", v));
        if (!text.isEmpty()) {
            out.set("text", text);
        }
    }

    private static void tools(JsonNode request, ObjectNode out) {
        ArrayNode tools = Json.MAPPER.createArrayNode();
        for (JsonNode tool : Nodes.elements(request, "tools")) {
            JsonNode function = tool.path("function");
            if (!Nodes.text(tool, "type").orElse("function").equals("function") || !function.isObject()) {
                continue; // Chat custom tools: dropped
            }
            ObjectNode flat = tools.addObject().put("type", "function");
            for (String field : new String[] {"name", "description", "parameters", "strict"}) {
                if (Nodes.has(function, field)) {
                    flat.set(field, function.get(field));
                }
            }
        }
        if (tools.isEmpty()) {
            return;
        }
        out.set("tools", tools);
        JsonNode choice = request.path("tool_choice");
        if (choice.isTextual()) {
            out.set("tool_choice", choice);
        } else if (choice.path("type").asText().equals("function")) {
            out.putObject("tool_choice").put("type", "function").put("name", Nodes.text(choice.path("function"), "name").orElse(""));
        } else if (choice.path("type").asText().equals("allowed_tools")) {
            JsonNode allowed = choice.path("allowed_tools");
            ObjectNode flat = out.putObject("tool_choice").put("type", "allowed_tools").put("mode", Nodes.text(allowed, "mode").orElse("auto"));
            ArrayNode list = flat.putArray("tools");
            Nodes.elements(allowed, "tools").forEach(t -> list.addObject().put("type", "function")
                    .put("name", Nodes.text(t.path("function"), "name").orElse("")));
        }
    }
}
