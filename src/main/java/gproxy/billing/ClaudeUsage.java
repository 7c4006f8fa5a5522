package gproxy.billing;

import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import gproxy.protocol.SseEvent;

/**
 * Anthropic Messages. {@code usage.input_tokens} already excludes {@code cache_read_input_tokens} and
 * {@code cache_creation_input_tokens}. The creation is split by TTL in
 * {@code cache_creation.ephemeral_5m_input_tokens} / {@code ephemeral_1h_input_tokens}; a total
 * without that split (older APIs) is 5-minute writes, and any part of the total the split leaves out
 * is too. The tier is {@code usage.speed} or {@code usage.service_tier}.
 *
 * <p>Streams report usage in {@code message_start.message.usage} (input, with a first output count)
 * and then in {@code message_delta.usage} (the cumulative output; newer APIs repeat the input counts).
 * Each field takes its latest non-zero value, so a repeated count is never added twice and a delta
 * that says 0 for input does not erase it. Only the delta makes the usage trusted.
 */
final class ClaudeUsage implements UsageExtractor {
    static final ClaudeUsage INSTANCE = new ClaudeUsage();
    private static final Set<String> BODY = Set.of("usage");
    private static final Set<String> START = Set.of("message.usage");

    private ClaudeUsage() {
    }

    @Override
    public Optional<UsageReport> fromBody(byte[] body) {
        return UsageJson.pick(body, BODY).flatMap(f -> {
            Stream s = new Stream();
            return s.merge(f.get("usage")) ? s.report() : Optional.<UsageReport>empty();
        });
    }

    @Override
    public StreamUsage stream() {
        return new Stream();
    }

    static final class Stream implements StreamUsage {
        private long input;
        private long cacheRead;
        private long creation;
        private long creation5m;
        private long creation1h;
        private long output;
        private Optional<String> tier = Optional.empty();
        private boolean seen;
        private boolean finalSeen;
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
            if (type.equals("message_start")) {
                parsed++;
                UsageJson.pick(data, START).ifPresent(f -> merge(f.get("message.usage")));
            } else if (type.equals("message_delta")) {
                parsed++;
                UsageJson.pick(data, BODY).ifPresent(f -> finalSeen |= merge(f.get("usage")));
            }
        }

        /** Folds one usage object in; whether it was one. */
        boolean merge(JsonNode u) {
            if (u == null || !u.isObject()) {
                return false;
            }
            input = latest(input, UsageJson.count(u, "input_tokens"));
            cacheRead = latest(cacheRead, UsageJson.count(u, "cache_read_input_tokens"));
            creation = latest(creation, UsageJson.count(u, "cache_creation_input_tokens"));
            creation5m = latest(creation5m, UsageJson.count(u, "cache_creation", "ephemeral_5m_input_tokens"));
            creation1h = latest(creation1h, UsageJson.count(u, "cache_creation", "ephemeral_1h_input_tokens"));
            output = latest(output, UsageJson.count(u, "output_tokens"));
            Optional<String> t = UsageJson.tierField(u, "speed", "service_tier");
            if (t.isPresent()) {
                tier = t;
            }
            seen = true;
            return true;
        }

        private static long latest(long current, long reported) {
            return reported > 0 ? reported : current;
        }

        @Override
        public Optional<UsageReport> report() {
            if (!seen) {
                return Optional.empty();
            }
            long split = Tokens.add(creation5m, creation1h);
            long fiveMinutes = Tokens.add(creation5m, Tokens.minus(creation, split));
            return Optional.of(new UsageReport(input, output, cacheRead, fiveMinutes, 0, creation1h, 0, tier,
                    UsageSource.UPSTREAM));
        }

        @Override
        public boolean trusted() {
            return finalSeen;
        }

        @Override
        public int parsedEvents() {
            return parsed;
        }
    }
}
