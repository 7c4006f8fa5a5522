package gproxy.translate.claudegemini;

import gproxy.translate.gemini.GeminiFieldNames;
import java.util.OptionalLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.error.GatewayException;
import gproxy.json.Json;
import gproxy.translate.TranslationContext;

/**
 * A Gemini {@code generateContent} request → a Claude Messages request. The model comes from the
 * context (Gemini carries it in the URL). Claude requires {@code max_tokens}: without
 * {@code maxOutputTokens}, 4096 plus any thinking budget. {@code candidateCount > 1} is refused:
 * Claude returns one answer. One system part is a string, several are text blocks.
 */
final class GeminiToClaudeRequest {
    /** Claude requires {@code max_tokens}; 4096 fits every Claude model's output limit. */
    static final long DEFAULT_MAX_TOKENS = 4096;

    private GeminiToClaudeRequest() {
    }

    static byte[] translate(byte[] clientBody, TranslationContext context) {
        JsonNode request = GeminiFieldNames.camelCase(Nodes.clientObject(clientBody));
        if (!request.path("contents").isArray()) {
            throw GatewayException.invalid("contents", "must be an array");
        }
        JsonNode config = request.path("generationConfig");
        if (config.path("candidateCount").asInt(1) != 1) {
            throw GatewayException.invalid("generationConfig.candidateCount",
                    "must be 1 when the upstream speaks Claude Messages (one answer)");
        }
        OptionalLong maxTokens = config.path("maxOutputTokens").canConvertToLong()
                ? OptionalLong.of(config.get("maxOutputTokens").asLong()) : OptionalLong.empty();
        ClaudeThinking thinking = ClaudeThinking.of(config.path("thinkingConfig"), context.upstreamModel(), maxTokens);
        ObjectNode out = Json.object();
        out.put("model", context.upstreamModel());
        out.put("max_tokens", maxTokens.orElse(DEFAULT_MAX_TOKENS + thinking.budget()));
        system(request.path("systemInstruction"), out);
        out.set("messages", GeminiContentsToClaude.messages(request.get("contents")));
        thinking.thinking().ifPresent(t -> out.set("thinking", t));
        thinking.effort().ifPresent(e -> out.putObject("output_config").put("effort", e));
        GeminiConfigToClaude.sampling(config, out, thinking.on());
        GeminiConfigToClaude.tools(request, out, thinking.on());
        if (context.stream()) {
            out.put("stream", true);
        }
        return Json.bytes(out);
    }

    private static void system(JsonNode instruction, ObjectNode out) {
        ArrayNode blocks = Nodes.array();
        if (instruction.isTextual() && !instruction.asText().isEmpty()) {
            blocks.addObject().put("type", "text").put("text", instruction.asText()); // Gemini accepts a bare string
        }
        for (JsonNode part : Nodes.elements(instruction, "parts")) {
            Nodes.nonEmpty(part, "text").ifPresent(t -> blocks.addObject().put("type", "text").put("text", t));
        }
        if (blocks.size() == 1) {
            out.put("system", blocks.get(0).get("text").asText());
        } else if (!blocks.isEmpty()) {
            out.set("system", blocks);
        }
    }
}
