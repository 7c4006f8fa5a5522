package gproxy.translate.claudegemini;

import gproxy.translate.gemini.SchemaToGemini;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.json.Json;

/**
 * Claude sampling, output, thinking and tool fields → Gemini {@code generationConfig}, {@code tools}
 * and {@code toolConfig}. Schemas are brought to Gemini's OpenAPI subset ({@link SchemaToGemini}).
 * A thinking budget is Gemini's {@code thinkingBudget} with thought summaries asked for (they come
 * back as thinking blocks); adaptive thinking is Gemini's dynamic budget, or the effort's budget.
 * Claude's structured output ({@code output_config.format}, formerly {@code output_format}) is
 * Gemini's {@code responseSchema}. {@code metadata}, {@code service_tier}, {@code container},
 * {@code mcp_servers} and {@code disable_parallel_tool_use} have no Gemini field and are dropped.
 */
final class ClaudeConfigToGemini {
    /** Gemini accepts at most five stop sequences; Claude more. */
    private static final int GEMINI_MAX_STOPS = 5;

    private ClaudeConfigToGemini() {
    }

    static ObjectNode generation(JsonNode in) {
        ObjectNode config = Json.object();
        if (in.path("max_tokens").canConvertToLong()) {
            config.put("maxOutputTokens", in.get("max_tokens").asLong());
        }
        copyNumber(in, "temperature", config, "temperature");
        copyNumber(in, "top_p", config, "topP");
        copyNumber(in, "top_k", config, "topK");
        ArrayNode stops = Nodes.array();
        for (JsonNode stop : Nodes.elements(in, "stop_sequences")) {
            if (stop.isTextual() && !stop.textValue().isEmpty() && stops.size() < GEMINI_MAX_STOPS) {
                stops.add(stop);
            }
        }
        if (!stops.isEmpty()) {
            config.set("stopSequences", stops);
        }
        thinkingBudget(in).ifPresent(budget -> config.putObject("thinkingConfig")
                .put("thinkingBudget", budget).put("includeThoughts", true));
        JsonNode format = in.path("output_config").path("format").isObject() ? in.path("output_config").path("format")
                : in.path("output_format");
        if (Nodes.text(format, "type").filter("json_schema"::equals).isPresent()) {
            config.put("responseMimeType", "application/json");
            if (format.path("schema").isObject()) {
                config.set("responseSchema", SchemaToGemini.convert(format.get("schema")));
            }
        }
        return config;
    }

    /** Empty when thinking is off or unset: Gemini then thinks as the model does by default. */
    private static Optional<Long> thinkingBudget(JsonNode in) {
        JsonNode thinking = in.path("thinking");
        return switch (Nodes.text(thinking, "type").orElse("")) {
            case "enabled" -> Optional.of(Nodes.count(thinking, "budget_tokens"));
            case "adaptive" -> Optional.of(switch (Nodes.text(in.path("output_config"), "effort").orElse("")) {
                case "low" -> 2048L;
                case "medium" -> 8192L;
                case "high" -> 16384L;
                case "xhigh", "max" -> 32768L;
                default -> -1L; // Gemini's dynamic thinking: the model decides, as adaptive does
            });
            default -> Optional.empty();
        };
    }

    static void tools(JsonNode in, ObjectNode out) {
        ArrayNode declarations = Nodes.array();
        for (JsonNode tool : Nodes.elements(in, "tools")) {
            String type = Nodes.text(tool, "type").orElse("");
            if (!tool.has("input_schema") || !(type.isEmpty() || type.equals("custom"))) {
                continue; // server tools (web search, bash, code execution) run at Anthropic
            }
            ObjectNode declaration = declarations.addObject();
            declaration.put("name", Nodes.text(tool, "name").orElse(""));
            Nodes.nonEmpty(tool, "description").ifPresent(d -> declaration.put("description", d));
            JsonNode schema = tool.path("input_schema");
            // Gemini rejects an OBJECT schema without properties: a function that takes nothing says nothing.
            if (schema.path("properties").isObject() && !schema.get("properties").isEmpty()) {
                declaration.set("parameters", SchemaToGemini.convert(schema));
            }
        }
        if (declarations.isEmpty()) {
            return; // Gemini rejects a toolConfig without function declarations
        }
        out.putArray("tools").addObject().set("functionDeclarations", declarations);
        toolChoice(in.path("tool_choice")).ifPresent(c -> out.putObject("toolConfig").set("functionCallingConfig", c));
    }

    private static Optional<ObjectNode> toolChoice(JsonNode choice) {
        return switch (Nodes.text(choice, "type").orElse("")) {
            case "auto" -> Optional.of(Json.object().put("mode", "AUTO"));
            case "any" -> Optional.of(Json.object().put("mode", "ANY"));
            case "none" -> Optional.of(Json.object().put("mode", "NONE"));
            case "tool" -> {
                ObjectNode config = Json.object().put("mode", "ANY");
                config.putArray("allowedFunctionNames").add(Nodes.text(choice, "name").orElse(""));
                yield Optional.of(config);
            }
            default -> Optional.empty();
        };
    }

    private static void copyNumber(JsonNode from, String field, ObjectNode to, String as) {
        if (from.path(field).isNumber()) {
            to.set(as, from.get(field));
        }
    }
}
