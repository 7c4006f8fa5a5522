package gproxy.translate.responsesclaude;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Claude {@code tools} and {@code tool_choice} → Responses function tools. Only client tools (with
 * an {@code input_schema}) have a Responses form; Anthropic server tools (web search, web fetch, code
 * execution, bash, text editor, computer use) run at Anthropic and are dropped — their OpenAI
 * namesakes differ in arguments and results, so they are not mapped.
 */
final class ClaudeToolsToResponses {
    private ClaudeToolsToResponses() {
    }

    static void apply(JsonNode in, ObjectNode out) {
        ArrayNode tools = Nodes.newArray();
        for (JsonNode tool : Nodes.array(in, "tools")) {
            String type = Nodes.text(tool, "type");
            if (tool.has("input_schema") && (type.isEmpty() || type.equals("custom"))) {
                ObjectNode function = tools.addObject().put("type", "function").put("name", Nodes.text(tool, "name"));
                Nodes.nonEmpty(tool, "description").ifPresent(d -> function.put("description", d));
                function.set("parameters", tool.path("input_schema"));
                // Responses defaults strict to true for function tools, which demands schemas Claude's need not meet.
                function.put("strict", tool.path("strict").asBoolean(false));
            }
        }
        if (tools.isEmpty()) {
            return;
        }
        out.set("tools", tools);
        JsonNode choice = in.path("tool_choice");
        switch (Nodes.text(choice, "type")) {
            case "auto" -> out.put("tool_choice", "auto");
            case "any" -> out.put("tool_choice", "required");
            case "none" -> out.put("tool_choice", "none");
            case "tool" -> out.putObject("tool_choice").put("type", "function").put("name", Nodes.text(choice, "name"));
            default -> { }
        }
        if (choice.path("disable_parallel_tool_use").asBoolean(false)) {
            out.put("parallel_tool_calls", false);
        }
    }
}
