package gproxy.billing;

import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import gproxy.protocol.SseEvent;

/**
 * OpenAI Responses. {@code usage.input_tokens} includes {@code input_tokens_details.cached_tokens}
 * (and Azure's {@code cache_write_tokens}): split out. {@code output_tokens} includes
 * {@code output_tokens_details.reasoning_tokens}, billed as output. Streams report usage once, in
 * the {@code response} of the terminal event ({@code response.completed}, {@code response.incomplete}
 * or {@code response.failed}); no other event type is parsed.
 */
final class OpenAiResponsesUsage implements UsageExtractor {
    static final OpenAiResponsesUsage INSTANCE = new OpenAiResponsesUsage();
    private static final Set<String> BODY = Set.of("usage", "service_tier");
    private static final Set<String> EVENT = Set.of("response.usage", "response.service_tier");
    private static final Set<String> TERMINAL = Set.of("response.completed", "response.incomplete", "response.failed");

    private OpenAiResponsesUsage() {
    }

    @Override
    public Optional<UsageReport> fromBody(byte[] body) {
        return UsageJson.pick(body, BODY).flatMap(f -> report(f.get("usage"), f.get("service_tier")));
    }

    @Override
    public StreamUsage stream() {
        return new Stream();
    }

    static Optional<UsageReport> report(JsonNode u, JsonNode tier) {
        if (u == null || !u.isObject() || !(UsageJson.has(u, "input_tokens") || UsageJson.has(u, "output_tokens"))) {
            return Optional.empty();
        }
        long input = UsageJson.count(u, "input_tokens");
        JsonNode details = u.path("input_tokens_details");
        long cached = Math.min(UsageJson.count(details, "cached_tokens"), input);
        long written = Math.min(UsageJson.count(details, "cache_write_tokens"), input - cached);
        return Optional.of(new UsageReport(input - cached - written, UsageJson.count(u, "output_tokens"), cached,
                written, 0, 0, 0, UsageJson.tier(tier), UsageSource.UPSTREAM));
    }

    static final class Stream implements StreamUsage {
        private Optional<UsageReport> report = Optional.empty();
        private int parsed;

        @Override
        public void observe(SseEvent event) {
            event.data().ifPresent(data -> observe(event.event().orElseGet(() -> QuickScan.firstString(data, QuickScan.TYPE)), data));
        }

        @Override
        public void observeData(String data) {
            observe(QuickScan.firstString(data, QuickScan.TYPE), data);
        }

        private void observe(String type, String data) {
            if (!TERMINAL.contains(type)) {
                return;
            }
            parsed++;
            UsageJson.pick(data, EVENT)
                    .flatMap(f -> OpenAiResponsesUsage.report(f.get("response.usage"), f.get("response.service_tier")))
                    .ifPresent(r -> report = Optional.of(r));
        }

        @Override
        public Optional<UsageReport> report() {
            return report;
        }

        @Override
        public boolean trusted() {
            return report.isPresent();
        }

        @Override
        public int parsedEvents() {
            return parsed;
        }
    }
}
