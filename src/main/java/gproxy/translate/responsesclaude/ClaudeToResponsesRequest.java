package gproxy.translate.responsesclaude;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.json.Json;
import gproxy.translate.TranslationContext;

/**
 * A Claude Messages request → an OpenAI Responses request. OpenAI rejects arguments it does not
 * know, so only mapped fields go: Claude-only ones ({@code top_k}, {@code stop_sequences} — Responses
 * has no stop —, {@code container}, {@code mcp_servers}, {@code context_management}, unknown future
 * fields) are dropped, never sent. A Claude client keeps its own history, so the answer is not stored
 * ({@code store: false}); with thinking on, the reasoning comes back encrypted
 * ({@code include: reasoning.encrypted_content}) and summarised, which is what lets the next turn
 * hand it back ({@link ReasoningCarry}), and temperature and top_p are not sent (OpenAI's reasoning
 * models reject them).
 */
final class ClaudeToResponsesRequest {
    private ClaudeToResponsesRequest() {
    }

    static byte[] translate(byte[] clientBody, TranslationContext context) {
        JsonNode in = Nodes.clientObject(clientBody);
        ObjectNode out = Json.object();
        out.put("model", context.upstreamModel());
        ClaudeMessagesToResponsesInput.instructions(in.path("system")).ifPresent(s -> out.put("instructions", s));
        out.set("input", ClaudeMessagesToResponsesInput.input(in));
        JsonNode maxTokens = in.path("max_tokens");
        if (maxTokens.isIntegralNumber()) {
            out.set("max_output_tokens", maxTokens);
        }
        ClaudeToolsToResponses.apply(in, out);
        Optional<String> effort = Thinking.responsesEffort(in);
        effort.ifPresent(e -> {
            out.putObject("reasoning").put("effort", e).put("summary", "auto");
            out.putArray("include").add("reasoning.encrypted_content");
        });
        if (effort.isEmpty()) {
            // OpenAI's reasoning models reject sampling settings; Claude fixes them with thinking on anyway
            Nodes.copyNumber(in, "temperature", out, "temperature");
            Nodes.copyNumber(in, "top_p", out, "top_p");
        }
        Format.toResponses(in).ifPresent(f -> out.putObject("text").set("format", f));
        Nodes.nonEmpty(in.path("metadata"), "user_id").ifPresent(user -> out.put("user", user));
        switch (Nodes.text(in, "service_tier")) {
            case "auto" -> out.put("service_tier", "auto");
            case "standard_only" -> out.put("service_tier", "default");
            default -> { }
        }
        out.put("store", false);
        out.put("prompt_cache_key", context.promptCacheKey().orElseGet(() -> PromptCacheKey.derive(in)));
        if (context.stream() || in.path("stream").asBoolean(false)) {
            out.put("stream", true);
        }
        return Json.bytes(out);
    }
}
