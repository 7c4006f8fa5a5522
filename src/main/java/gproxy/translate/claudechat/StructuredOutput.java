package gproxy.translate.claudechat;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.json.Json;

/**
 * OpenAI {@code response_format} on a Claude upstream, approximated by tool forcing: the schema
 * becomes the input schema of one synthetic tool the model is made to call, and that call's input
 * comes back to the client as the text answer. The tool's reserved name is what lets the stateless
 * response and stream converters recognise it. Approximated, not supported: the schema is followed
 * as tool input is (not OpenAI's constrained decoding), and a model left free to choose (thinking
 * on, which Claude does not allow with forced tools) may still answer in plain text.
 */
final class StructuredOutput {
    static final String TOOL_NAME = "gproxy_structured_output";

    private StructuredOutput() {
    }

    /** The synthetic tool, or empty when the client asked for plain text. */
    static Optional<ObjectNode> tool(JsonNode responseFormat) {
        String type = Nodes.text(responseFormat, "type");
        if (!type.equals("json_schema") && !type.equals("json_object")) {
            return Optional.empty();
        }
        JsonNode spec = responseFormat.path("json_schema");
        JsonNode schema = spec.path("schema");
        ObjectNode tool = Json.object().put("name", TOOL_NAME);
        String purpose = Nodes.nonEmpty(spec, "description").map(d -> " The answer: " + d).orElse("");
        tool.put("description", "Give the final answer by calling this tool; its input is the answer, a JSON"
                + " object following the schema." + purpose);
        tool.set("input_schema", schema.isObject() ? schema : Json.object().put("type", "object"));
        return Optional.of(tool);
    }

    static boolean isAnswer(JsonNode toolUseBlock) {
        return Nodes.text(toolUseBlock, "type").equals("tool_use")
                && Nodes.text(toolUseBlock, "name").equals(TOOL_NAME);
    }
}
