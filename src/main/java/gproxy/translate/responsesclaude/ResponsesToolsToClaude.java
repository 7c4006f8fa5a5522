package gproxy.translate.responsesclaude;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.error.GatewayException;
import gproxy.json.Json;

/**
 * Responses function tools, {@code tool_choice} and {@code parallel_tool_calls} → Claude tools.
 * Responses function tools are flat ({@code {type, name, parameters}}), as Claude's are, with the
 * schema under another name. Built-in tools (web search, file search, code interpreter, computer
 * use, image generation, MCP) run inside OpenAI and are dropped, as is {@code custom} (grammar)
 * tools; a choice naming one becomes {@code auto}. {@code strict} is dropped: Claude models before
 * structured outputs reject it, and the schema still guides the call.
 */
final class ResponsesToolsToClaude {
    private ResponsesToolsToClaude() {
    }

    /** @param thinking Claude refuses forced tool use with thinking on, so a forced choice becomes auto */
    static void apply(JsonNode request, ObjectNode out, boolean thinking) {
        ArrayNode tools = Nodes.newArray();
        int i = 0;
        for (JsonNode tool : Nodes.array(request, "tools")) {
            if (Nodes.text(tool, "type").equals("function")) {
                tools.add(tool(tool, "tools[" + i + "]"));
            }
            i++;
        }
        if (tools.isEmpty()) {
            return; // Claude rejects tool_choice without tools
        }
        out.set("tools", tools);
        ObjectNode choice = choice(request.path("tool_choice"));
        String type = Nodes.text(choice, "type");
        if (thinking && (type.equals("any") || type.equals("tool"))) {
            choice = Json.object().put("type", "auto");
        }
        JsonNode parallel = request.path("parallel_tool_calls");
        if (parallel.isBoolean() && !parallel.booleanValue() && !type.equals("none")) {
            choice.put("disable_parallel_tool_use", true);
        }
        boolean plainAuto = Nodes.text(choice, "type").equals("auto") && choice.size() == 1;
        if (Nodes.has(request, "tool_choice") || !plainAuto) {
            out.set("tool_choice", choice); // an unasked plain auto is Claude's default: left out
        }
    }

    private static ObjectNode choice(JsonNode choice) {
        String mode = choice.isTextual() ? choice.textValue() : Nodes.text(choice, "type");
        return switch (mode) {
            case "none" -> Json.object().put("type", "none");
            case "required" -> Json.object().put("type", "any");
            case "function" -> Json.object().put("type", "tool").put("name", Nodes.text(choice, "name"));
            // allowed_tools narrows the set; Claude cannot, so only its mode is kept (approximated)
            case "allowed_tools" -> Json.object().put("type", Nodes.text(choice, "mode").equals("required") ? "any" : "auto");
            default -> Json.object().put("type", "auto"); // auto, built-in tool types, unknown
        };
    }

    private static ObjectNode tool(JsonNode function, String field) {
        String name = Nodes.text(function, "name");
        if (name.isEmpty()) {
            throw GatewayException.invalid(field + ".name", "must be a non-empty string");
        }
        ObjectNode tool = Json.object().put("name", name);
        Nodes.nonEmpty(function, "description").ifPresent(d -> tool.put("description", d));
        JsonNode parameters = function.path("parameters");
        ObjectNode schema = parameters.isObject() ? parameters.deepCopy() : Json.object();
        if (!schema.has("type")) {
            schema.put("type", "object"); // Claude requires an object schema; OpenAI lets it be omitted
        }
        tool.set("input_schema", schema);
        return tool;
    }
}
