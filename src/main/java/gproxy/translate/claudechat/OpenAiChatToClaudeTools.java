package gproxy.translate.claudechat;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.error.GatewayException;
import gproxy.json.Json;

/**
 * OpenAI function tools, {@code tool_choice}, {@code parallel_tool_calls} and {@code response_format}
 * as Claude tools. OpenAI's custom (grammar) tools have no Claude form and are dropped; the legacy
 * {@code functions} list is read as tools. {@code strict} is dropped: Claude models before its
 * structured-output support reject it, and the schema still guides the call.
 */
final class OpenAiChatToClaudeTools {
    private OpenAiChatToClaudeTools() {
    }

    /** @param thinking Claude refuses forced tool use with thinking on, so a forced choice becomes auto */
    static void apply(JsonNode in, ObjectNode out, boolean thinking) {
        ArrayNode tools = Nodes.newArray();
        int i = 0;
        for (JsonNode tool : Nodes.array(in, "tools")) {
            if (Nodes.text(tool, "type").equals("function")) {
                tools.add(tool(tool.path("function"), "tools[" + i + "].function"));
            }
            i++;
        }
        i = 0;
        for (JsonNode function : Nodes.array(in, "functions")) {
            tools.add(tool(function, "functions[" + i++ + "]"));
        }
        boolean clientTools = !tools.isEmpty();
        Optional<ObjectNode> answer = StructuredOutput.tool(in.path("response_format"));
        answer.ifPresent(tools::add);
        if (tools.isEmpty()) {
            return; // Claude rejects tool_choice without tools
        }
        out.set("tools", tools);
        boolean asked = in.has("tool_choice") || in.has("function_call");
        ObjectNode choice = choice(in.has("tool_choice") ? in.path("tool_choice") : in.path("function_call"),
                answer.isPresent(), clientTools);
        String type = Nodes.text(choice, "type");
        if (thinking && (type.equals("any") || type.equals("tool"))) {
            choice = Json.object().put("type", "auto");
        }
        JsonNode parallel = in.path("parallel_tool_calls");
        if (parallel.isBoolean() && !parallel.booleanValue() && !type.equals("none")) {
            choice.put("disable_parallel_tool_use", true);
        }
        boolean plainAuto = Nodes.text(choice, "type").equals("auto") && choice.size() == 1;
        if (asked || !plainAuto) {
            out.set("tool_choice", choice); // an unasked plain auto is Claude's default: left out
        }
    }

    private static ObjectNode choice(JsonNode choice, boolean answer, boolean clientTools) {
        String mode = choice.isTextual() ? choice.textValue() : Nodes.text(choice, "type");
        return switch (mode) {
            case "none" -> Json.object().put("type", "none");
            case "required" -> Json.object().put("type", "any");
            case "function" -> Json.object().put("type", "tool")
                    .put("name", Nodes.text(choice.path("function"), "name"));
            // allowed_tools narrows the set; Claude cannot, so only its mode is kept (approximated).
            case "allowed_tools" -> Json.object().put("type",
                    Nodes.text(choice.path("allowed_tools"), "mode").equals("required") ? "any" : "auto");
            default -> choice.isObject() && choice.has("name") && !choice.has("type")
                    ? Json.object().put("type", "tool").put("name", Nodes.text(choice, "name")) // legacy function_call
                    : !answer ? Json.object().put("type", "auto")
                    : clientTools ? Json.object().put("type", "any") // the answer or a real call, never prose
                    : Json.object().put("type", "tool").put("name", StructuredOutput.TOOL_NAME);
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
        ObjectNode schema = parameters.isObject() ? (ObjectNode) parameters.deepCopy() : Json.object();
        if (!schema.has("type")) {
            schema.put("type", "object"); // Claude requires an object schema; OpenAI lets it be omitted
        }
        tool.set("input_schema", schema);
        return tool;
    }
}
