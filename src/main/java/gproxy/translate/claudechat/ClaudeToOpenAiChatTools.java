package gproxy.translate.claudechat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.json.Json;

/**
 * Claude {@code tools} and {@code tool_choice} as OpenAI function tools. Only client tools (with an
 * {@code input_schema}) have an OpenAI form; Anthropic server tools (web search, code execution,
 * bash, text editor, computer use) run at Anthropic and are dropped.
 */
final class ClaudeToOpenAiChatTools {
    private ClaudeToOpenAiChatTools() {
    }

    static void apply(JsonNode in, ObjectNode out) {
        ArrayNode tools = Nodes.newArray();
        for (JsonNode tool : Nodes.array(in, "tools")) {
            String type = Nodes.text(tool, "type");
            if (tool.has("input_schema") && (type.isEmpty() || type.equals("custom"))) {
                tools.add(function(tool));
            }
        }
        // OpenAI rejects tool_choice and parallel_tool_calls without tools.
        if (tools.isEmpty()) {
            return;
        }
        out.set("tools", tools);
        JsonNode choice = in.path("tool_choice");
        switch (Nodes.text(choice, "type")) {
            case "auto" -> out.put("tool_choice", "auto");
            case "any" -> out.put("tool_choice", "required");
            case "none" -> out.put("tool_choice", "none");
            case "tool" -> {
                ObjectNode named = out.putObject("tool_choice").put("type", "function");
                named.putObject("function").put("name", Nodes.text(choice, "name"));
            }
            default -> { }
        }
        if (choice.path("disable_parallel_tool_use").asBoolean(false)) {
            out.put("parallel_tool_calls", false);
        }
    }

    private static ObjectNode function(JsonNode tool) {
        ObjectNode function = Json.object();
        function.put("name", Nodes.text(tool, "name"));
        Nodes.nonEmpty(tool, "description").ifPresent(d -> function.put("description", d));
        function.set("parameters", tool.path("input_schema"));
        if (tool.path("strict").asBoolean(false)) {
            function.put("strict", true);
        }
        ObjectNode wrapped = Json.object().put("type", "function");
        wrapped.set("function", function);
        return wrapped;
    }
}
