package gproxy.translate.responseschat;

import gproxy.translate.Nodes;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.json.Json;

/**
 * Responses tools, tool choice, {@code text}, {@code reasoning} and sampling fields → Chat fields.
 * Responses function tools are flat ({@code {type, name, parameters}}); Chat nests them under
 * {@code function}. {@code reasoning.summary}, {@code include}, {@code truncation} and
 * {@code max_tool_calls} have no Chat field and are dropped.
 */
final class ResponsesControlsToChat {
    /** Fields with the same name and meaning in both APIs. */
    static final List<String> SHARED = List.of("temperature", "top_p", "parallel_tool_calls", "metadata", "user",
            "safety_identifier", "service_tier", "store", "prompt_cache_retention");

    private ResponsesControlsToChat() {
    }

    static void apply(JsonNode request, ObjectNode out) {
        for (String field : SHARED) {
            if (Nodes.has(request, field)) {
                out.set(field, request.get(field));
            }
        }
        if (Nodes.has(request, "max_output_tokens")) {
            out.set("max_completion_tokens", request.get("max_output_tokens"));
        }
        if (request.path("top_logprobs").canConvertToInt()) {
            out.put("logprobs", true).set("top_logprobs", request.get("top_logprobs"));
        }
        Nodes.text(request.path("reasoning"), "effort").ifPresent(e -> out.put("reasoning_effort", e));
        Nodes.text(request.path("text"), "verbosity").ifPresent(v -> out.put("verbosity", v));
        format(request.path("text").path("format"), out);
        tools(request, out);
    }

    private static void format(JsonNode format, ObjectNode out) {
        String type = Nodes.text(format, "type").orElse("");
        if (type.equals("json_object") || type.equals("text")) {
            out.putObject("response_format").put("type", type);
        } else if (type.equals("json_schema")) {
            ObjectNode schema = out.putObject("response_format").put("type", "json_schema").putObject("json_schema");
            for (String field : new String[] {"name", "description", "schema", "strict"}) {
                if (Nodes.has(format, field)) {
                    schema.set(field, format.get(field));
                }
            }
        }
    }

    private static void tools(JsonNode request, ObjectNode out) {
        ArrayNode tools = Json.MAPPER.createArrayNode();
        for (JsonNode tool : Nodes.elements(request, "tools")) {
            if (!Nodes.text(tool, "type").orElse("").equals("function")) {
                continue; // built-in tools run inside the Responses API only
            }
            ObjectNode function = tools.addObject().put("type", "function").putObject("function");
            for (String field : new String[] {"name", "description", "parameters", "strict"}) {
                if (Nodes.has(tool, field)) {
                    function.set(field, tool.get(field));
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
            out.putObject("tool_choice").put("type", "function").putObject("function").put("name", Nodes.text(choice, "name").orElse(""));
        } else if (choice.path("type").asText().equals("allowed_tools")) {
            ObjectNode allowed = out.putObject("tool_choice").put("type", "allowed_tools").putObject("allowed_tools");
            allowed.put("mode", Nodes.text(choice, "mode").orElse("auto"));
            ArrayNode list = allowed.putArray("tools");
            Nodes.elements(choice, "tools").stream().filter(t -> t.path("type").asText().equals("function"))
                    .forEach(t -> list.addObject().put("type", "function").putObject("function").put("name", Nodes.text(t, "name").orElse("")));
        }
    }
}
