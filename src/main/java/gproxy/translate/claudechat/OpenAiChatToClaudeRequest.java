package gproxy.translate.claudechat;

import java.util.OptionalLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.error.GatewayException;
import gproxy.json.Json;
import gproxy.translate.TranslationContext;
import gproxy.translate.claudechat.Reasoning.ClaudeThinking;

/**
 * An OpenAI Chat Completions request as a Claude Messages request. Claude rejects fields it does not
 * know, so OpenAI-only ones ({@code logprobs}, {@code seed}, penalties, {@code logit_bias},
 * {@code modalities}, {@code audio}, {@code prediction}, {@code store}, {@code metadata},
 * {@code prompt_cache_key}, {@code web_search_options}, {@code verbosity}, unknown future fields)
 * are dropped, never sent. {@code n > 1} is refused: Claude returns one answer.
 */
final class OpenAiChatToClaudeRequest {
    private OpenAiChatToClaudeRequest() {
    }

    static byte[] translate(byte[] clientBody, TranslationContext context) {
        JsonNode in = Nodes.clientObject(clientBody);
        JsonNode n = in.path("n");
        if (n.isNumber() && n.asInt() != 1) {
            throw GatewayException.invalid("n", "must be 1 when the upstream speaks Claude Messages (one answer)");
        }
        ObjectNode out = Json.object();
        out.put("model", context.upstreamModel());
        OptionalLong maxTokens = maxTokens(in);
        ClaudeThinking thinking = Reasoning.claudeThinking(Nodes.text(in, "reasoning_effort"),
                context.upstreamModel(), maxTokens);
        out.put("max_tokens", maxTokens.orElse(Reasoning.defaultMaxTokens(thinking)));
        OpenAiChatToClaudeMessages.Converted converted = OpenAiChatToClaudeMessages.convert(in);
        converted.system().ifPresent(system -> out.set("system", system));
        out.set("messages", converted.messages());
        thinking.thinking().ifPresent(t -> out.set("thinking", t));
        thinking.effort().ifPresent(e -> out.putObject("output_config").put("effort", e));
        sampling(in, out, thinking.on());
        stops(in, out);
        OpenAiChatToClaudeTools.apply(in, out, thinking.on());
        Nodes.nonEmpty(in, "user").or(() -> Nodes.nonEmpty(in, "safety_identifier"))
                .ifPresent(user -> out.putObject("metadata").put("user_id", user));
        serviceTier(in, out);
        boolean implicit = CacheMarkers.implicitChosen(in);
        if (implicit) {
            out.set("cache_control", CacheMarkers.ephemeral());
        }
        CacheMarkers.limit(out, implicit);
        if (context.stream() || in.path("stream").asBoolean(false)) {
            out.put("stream", true);
        }
        return Json.bytes(out);
    }

    private static OptionalLong maxTokens(JsonNode in) {
        for (String field : new String[] {"max_completion_tokens", "max_tokens"}) {
            JsonNode value = in.path(field);
            if (value.isNull() || value.isMissingNode()) {
                continue;
            }
            if (!value.isIntegralNumber() || value.asLong() < 1) {
                throw GatewayException.invalid(field, "must be a positive integer");
            }
            return OptionalLong.of(value.asLong());
        }
        return OptionalLong.empty();
    }

    /**
     * Claude takes temperature in [0, 1] (OpenAI's goes to 2: clamped), rejects temperature and
     * top_k with thinking and top_p below 0.95 with it, and on its recent models rejects temperature
     * together with top_p; the conflicting one is dropped (approximated). {@code top_k} is not
     * OpenAI's but vLLM-style clients send it; Claude has it.
     */
    private static void sampling(JsonNode in, ObjectNode out, boolean thinking) {
        JsonNode temperature = in.path("temperature");
        JsonNode topP = in.path("top_p");
        if (temperature.isNumber() && !thinking) {
            out.put("temperature", Math.max(0, Math.min(1, temperature.doubleValue())));
        }
        boolean topPAllowed = thinking ? topP.asDouble(0) >= 0.95 : !temperature.isNumber();
        if (topP.isNumber() && topPAllowed) {
            out.set("top_p", topP);
        }
        if (in.path("top_k").isIntegralNumber() && !thinking) {
            out.set("top_k", in.path("top_k"));
        }
    }

    private static void stops(JsonNode in, ObjectNode out) {
        JsonNode stop = in.path("stop");
        ArrayNode sequences = Nodes.newArray();
        for (JsonNode s : stop.isArray() ? stop : Nodes.newArray().add(stop)) {
            // Claude rejects blank stop sequences.
            if (s.isTextual() && !s.textValue().isBlank()) {
                sequences.add(s);
            }
        }
        if (!sequences.isEmpty()) {
            out.set("stop_sequences", sequences);
        }
    }

    private static void serviceTier(JsonNode in, ObjectNode out) {
        switch (Nodes.text(in, "service_tier")) {
            case "auto" -> out.put("service_tier", "auto");
            case "default" -> out.put("service_tier", "standard_only");
            default -> { } // flex, priority: no Claude tier
        }
    }
}
