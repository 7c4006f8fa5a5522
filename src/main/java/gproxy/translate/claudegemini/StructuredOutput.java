package gproxy.translate.claudegemini;

import gproxy.translate.gemini.SchemaFromGemini;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.json.Json;

/**
 * Gemini's {@code responseMimeType: application/json} (with {@code responseSchema} or
 * {@code responseJsonSchema}) on a Claude upstream, by tool forcing: the schema becomes the input
 * schema of one synthetic tool the model is made to call, and that call's input comes back to the
 * client as the JSON text answer. This works on every Claude model, which the native
 * {@code output_config.format} does not. Approximated: the schema guides as tool input does, and
 * with thinking on (Claude refuses forced tools then) the model may still answer in prose.
 */
final class StructuredOutput {
    static final String TOOL_NAME = "gproxy_structured_output";

    private StructuredOutput() {
    }

    /** The synthetic tool, or empty when the client asked for text. */
    static Optional<ObjectNode> tool(JsonNode generationConfig) {
        if (!Nodes.text(generationConfig, "responseMimeType").filter("application/json"::equals).isPresent()) {
            return Optional.empty();
        }
        JsonNode schema = generationConfig.path("responseJsonSchema").isObject() ? generationConfig.get("responseJsonSchema")
                : generationConfig.path("responseSchema").isObject() ? SchemaFromGemini.convert(generationConfig.get("responseSchema"))
                : Json.object().put("type", "object");
        ObjectNode tool = Json.object().put("name", TOOL_NAME);
        tool.put("description", "Give the final answer by calling this tool; its input is the answer, a JSON value"
                + " following the schema.");
        tool.set("input_schema", wrapped(schema));
        return Optional.of(tool);
    }

    /** Claude tool input is an object: an answer schema that is not one guides nothing and is loosened to any object. */
    private static JsonNode wrapped(JsonNode schema) {
        return Nodes.text(schema, "type").filter("object"::equals).isPresent() ? schema : Json.object().put("type", "object");
    }

    static boolean isAnswer(JsonNode toolUseBlock) {
        return Nodes.text(toolUseBlock, "type").filter("tool_use"::equals).isPresent()
                && Nodes.text(toolUseBlock, "name").filter(TOOL_NAME::equals).isPresent();
    }
}
