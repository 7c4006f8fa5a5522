package gproxy.translate.responsesclaude;

import java.util.List;
import java.util.OptionalLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.error.GatewayException;
import gproxy.json.Json;
import gproxy.translate.Translation;
import gproxy.translate.TranslationContext;

/**
 * An OpenAI Responses request → a Claude Messages request. Claude rejects fields it does not know,
 * so Responses-only ones ({@code store}, {@code include}, {@code truncation}, {@code top_logprobs},
 * {@code max_tool_calls}, {@code prompt_cache_key}, {@code prompt_cache_retention},
 * {@code reasoning.summary}, {@code text.verbosity}, {@code metadata}, unknown future fields) are
 * dropped, never sent. {@code store} asks OpenAI to keep the answer; a Claude upstream keeps nothing,
 * which the client notices only if it later sends {@code previous_response_id} — and that, with
 * {@code conversation} and {@code background}, is refused with the field named: a Claude upstream
 * cannot serve state it never had.
 */
final class ResponsesToClaudeRequest implements Translation.RequestTranslator {
    private static final List<String> STATEFUL = List.of("previous_response_id", "conversation");

    @Override
    public byte[] translate(byte[] clientBody, TranslationContext context) {
        JsonNode in = Nodes.clientObject(clientBody);
        for (String field : STATEFUL) {
            if (Nodes.has(in, field)) {
                throw GatewayException.invalid(field, "needs the Responses API's stored state, which a Claude upstream does not keep");
            }
        }
        if (in.path("background").asBoolean(false)) {
            throw GatewayException.invalid("background", "is not available when the upstream speaks Claude Messages");
        }
        ObjectNode out = Json.object();
        out.put("model", context.upstreamModel());
        OptionalLong maxTokens = maxTokens(in);
        Thinking.ClaudeThinking thinking = Thinking.claude(Nodes.text(in.path("reasoning"), "effort"),
                context.upstreamModel(), maxTokens);
        out.put("max_tokens", maxTokens.orElse(Thinking.defaultMaxTokens(thinking)));
        ResponsesInputToClaude.Converted converted = ResponsesInputToClaude.convert(in);
        String system = converted.system().orElse("");
        String jsonHint = Format.jsonObjectHint(in);
        system = jsonHint.isEmpty() ? system : system.isEmpty() ? jsonHint : system + "\n\n" + jsonHint;
        if (!system.isEmpty()) {
            out.put("system", system);
        }
        out.set("messages", converted.messages());
        thinking.thinking().ifPresent(t -> out.set("thinking", t));
        thinking.effort().ifPresent(e -> out.putObject("output_config").put("effort", e));
        Format.toClaude(in.path("text").path("format"), out);
        sampling(in, out, thinking.on());
        ResponsesToolsToClaude.apply(in, out, thinking.on());
        Nodes.nonEmpty(in, "safety_identifier").or(() -> Nodes.nonEmpty(in, "user"))
                .ifPresent(user -> out.putObject("metadata").put("user_id", user));
        switch (Nodes.text(in, "service_tier")) {
            case "auto" -> out.put("service_tier", "auto");
            case "default" -> out.put("service_tier", "standard_only");
            default -> { } // flex, priority: no Claude tier
        }
        if (context.stream() || in.path("stream").asBoolean(false)) {
            out.put("stream", true);
        }
        return Json.bytes(out);
    }

    private static OptionalLong maxTokens(JsonNode in) {
        JsonNode value = in.path("max_output_tokens");
        if (value.isNull() || value.isMissingNode()) {
            return OptionalLong.empty();
        }
        if (!value.isIntegralNumber() || value.asLong() < 1) {
            throw GatewayException.invalid("max_output_tokens", "must be a positive integer");
        }
        return OptionalLong.of(value.asLong());
    }

    /**
     * Claude takes temperature in [0, 1] (OpenAI's goes to 2: clamped), rejects temperature with
     * thinking and top_p below 0.95 with it, and on recent models rejects temperature together with
     * top_p; the conflicting one is dropped (approximated).
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
    }
}
