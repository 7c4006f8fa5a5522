package gproxy.translate.claudechat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.json.Json;
import gproxy.translate.TranslationContext;

/**
 * A Claude Messages request as an OpenAI Chat Completions request. OpenAI rejects arguments it does
 * not know, so only mapped fields go: Claude-only ones ({@code top_k}, {@code container},
 * {@code mcp_servers}, {@code context_management}, unknown future fields) are dropped, never sent.
 */
final class ClaudeToOpenAiChatRequest {
    /** OpenAI accepts at most four stop sequences; Claude accepts more. */
    private static final int OPENAI_MAX_STOPS = 4;

    private ClaudeToOpenAiChatRequest() {
    }

    static byte[] translate(byte[] clientBody, TranslationContext context) {
        JsonNode in = Nodes.clientObject(clientBody);
        ObjectNode out = Json.object();
        out.put("model", context.upstreamModel());
        out.set("messages", ClaudeToOpenAiChatMessages.convert(in));
        JsonNode maxTokens = in.path("max_tokens");
        if (maxTokens.isIntegralNumber()) {
            // max_tokens is deprecated on OpenAI and rejected by its reasoning models.
            out.set("max_completion_tokens", maxTokens);
        }
        Nodes.copyNumber(in, "temperature", out, "temperature");
        Nodes.copyNumber(in, "top_p", out, "top_p");
        stops(in, out);
        ClaudeToOpenAiChatTools.apply(in, out);
        Reasoning.openAiEffort(in).ifPresent(effort -> out.put("reasoning_effort", effort));
        responseFormat(in, out);
        Nodes.nonEmpty(in.path("metadata"), "user_id").ifPresent(user -> out.put("user", user));
        serviceTier(in, out);
        out.put("prompt_cache_key", context.promptCacheKey().orElseGet(() -> PromptCacheKey.derive(in)));
        if (context.stream() || in.path("stream").asBoolean(false)) {
            out.put("stream", true);
            // Without it an OpenAI stream carries no usage at all, and the client's would be zero.
            out.putObject("stream_options").put("include_usage", true);
        }
        return Json.bytes(out);
    }

    private static void stops(JsonNode in, ObjectNode out) {
        ArrayNode stops = Nodes.newArray();
        for (JsonNode stop : Nodes.array(in, "stop_sequences")) {
            if (stop.isTextual() && !stop.textValue().isEmpty() && stops.size() < OPENAI_MAX_STOPS) {
                stops.add(stop);
            }
        }
        if (!stops.isEmpty()) {
            out.set("stop", stops);
        }
    }

    /**
     * Claude's structured output ({@code output_config.format}, formerly the beta {@code output_format})
     * as OpenAI's {@code response_format}. Not strict: OpenAI's strict mode also demands every property
     * be required, which a schema valid for Claude need not meet, so the schema guides rather than binds.
     */
    private static void responseFormat(JsonNode in, ObjectNode out) {
        JsonNode format = in.path("output_config").path("format");
        format = format.isObject() ? format : in.path("output_format");
        if (!Nodes.text(format, "type").equals("json_schema") || !format.path("schema").isObject()) {
            return;
        }
        ObjectNode spec = out.putObject("response_format").put("type", "json_schema").putObject("json_schema");
        spec.put("name", "output");
        spec.set("schema", format.path("schema"));
    }

    private static void serviceTier(JsonNode in, ObjectNode out) {
        switch (Nodes.text(in, "service_tier")) {
            case "auto" -> out.put("service_tier", "auto");
            case "standard_only" -> out.put("service_tier", "default");
            default -> { }
        }
    }
}
