package gproxy.server;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import gproxy.billing.UsageReport;

/**
 * The gateway's traffic in Prometheus text (reference §8.6): requests by dialect, operation, status and
 * provider, tokens by direction, and the upstream latency histogram (time to the answer's headers)
 * by provider with fixed buckets. Fed from the request path with adders only: no lock, no allocation
 * once a label set has been seen. The gauges read at scrape time live in {@link StateMetrics}.
 */
final class TrafficMetrics {
    /** Upper bounds of the latency buckets, in milliseconds. */
    static final long[] LATENCY_BUCKETS_MS = {25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 30_000, 60_000};

    private record RequestKey(String dialect, String operation, String status, String provider) {
    }

    private final Map<RequestKey, LongAdder> requests = new ConcurrentHashMap<>();
    private final Map<String, Histogram> latency = new ConcurrentHashMap<>();
    private final LongAdder input = new LongAdder();
    private final LongAdder output = new LongAdder();
    private final LongAdder cacheRead = new LongAdder();
    private final LongAdder cacheCreation = new LongAdder();

    void request(TrafficLabels labels, int status) {
        String code = status >= 100 && status <= 599 ? Integer.toString(status) : "other";
        requests.computeIfAbsent(new RequestKey(labels.dialect(), labels.operation(), code, labels.provider()),
                k -> new LongAdder()).increment();
    }

    void upstreamLatency(String provider, Duration elapsed) {
        latency.computeIfAbsent(provider, p -> new Histogram()).observe(elapsed.toMillis());
    }

    /** A settled request's tokens; image output counts as output. */
    void settled(UsageReport usage) {
        input.add(usage.inputTokens());
        output.add(usage.outputTokens() + usage.imageOutputTokens());
        cacheRead.add(usage.cacheReadTokens());
        cacheCreation.add(usage.cacheCreationTokens());
    }

    void render(StringBuilder out) {
        out.append("# HELP gproxy_requests_total Gateway requests by client dialect, operation, status and provider.\n")
                .append("# TYPE gproxy_requests_total counter\n");
        Map<String, Long> sorted = new TreeMap<>();
        requests.forEach((k, v) -> sorted.put("dialect=\"" + k.dialect() + "\",operation=\"" + k.operation()
                + "\",status=\"" + k.status() + "\",provider=\"" + Prometheus.escape(k.provider()) + "\"", v.sum()));
        sorted.forEach((labels, n) -> out.append("gproxy_requests_total{").append(labels).append("} ").append(n)
                .append('\n'));
        out.append("# HELP gproxy_tokens_total Settled tokens by direction.\n# TYPE gproxy_tokens_total counter\n");
        token(out, "input", input);
        token(out, "output", output);
        token(out, "cache_read", cacheRead);
        token(out, "cache_creation", cacheCreation);
        out.append("# HELP gproxy_upstream_latency_ms Time from sending an upstream request to its answer's "
                + "headers.\n# TYPE gproxy_upstream_latency_ms histogram\n");
        new TreeMap<>(latency).forEach((provider, h) -> h.render(out, Prometheus.escape(provider)));
    }

    private static void token(StringBuilder out, String direction, LongAdder n) {
        out.append("gproxy_tokens_total{direction=\"").append(direction).append("\"} ").append(n.sum()).append('\n');
    }

    /** A fixed-bucket histogram of adders; buckets are cumulative when rendered. */
    private static final class Histogram {
        private final LongAdder[] buckets = new LongAdder[LATENCY_BUCKETS_MS.length + 1];
        private final LongAdder sum = new LongAdder();

        Histogram() {
            for (int i = 0; i < buckets.length; i++) {
                buckets[i] = new LongAdder();
            }
        }

        void observe(long millis) {
            int i = 0;
            while (i < LATENCY_BUCKETS_MS.length && millis > LATENCY_BUCKETS_MS[i]) {
                i++;
            }
            buckets[i].increment();
            sum.add(millis);
        }

        void render(StringBuilder out, String provider) {
            long cumulative = 0;
            for (int i = 0; i < buckets.length; i++) {
                cumulative += buckets[i].sum();
                String le = i < LATENCY_BUCKETS_MS.length ? Long.toString(LATENCY_BUCKETS_MS[i]) : "+Inf";
                out.append("gproxy_upstream_latency_ms_bucket{provider=\"").append(provider).append("\",le=\"")
                        .append(le).append("\"} ").append(cumulative).append('\n');
            }
            out.append("gproxy_upstream_latency_ms_sum{provider=\"").append(provider).append("\"} ").append(sum.sum())
                    .append('\n');
            out.append("gproxy_upstream_latency_ms_count{provider=\"").append(provider).append("\"} ")
                    .append(cumulative).append('\n');
        }
    }
}
