package gproxy.server;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * Process metrics in the Prometheus text format, kept with plain adders (no metrics stack on the
 * request path). Gauges are read when scraped.
 */
final class GatewayMetrics {
    private record Key(Surface surface, int status) {
    }

    private final Map<Key, LongAdder> requests = new ConcurrentHashMap<>();
    private final Map<Surface, LongAdder> nanos = new ConcurrentHashMap<>();
    private final Map<String, LongSupplier> gauges = new TreeMap<>();
    private final String version;
    private final TrafficMetrics traffic;
    private final java.util.List<java.util.function.Consumer<StringBuilder>> families = new java.util.ArrayList<>();

    GatewayMetrics(String version) {
        this(version, new TrafficMetrics());
    }

    GatewayMetrics(String version, TrafficMetrics traffic) {
        this.version = version;
        this.traffic = traffic;
    }

    /** A gateway request's labels and final status ({@code gproxy_requests_total}). */
    void recordGatewayRequest(TrafficLabels labels, int status) {
        traffic.request(labels, status);
    }

    /** Registers families rendered at scrape time; call during wiring only. */
    synchronized void families(java.util.function.Consumer<StringBuilder> render) {
        families.add(render);
    }

    void recordExchange(Surface surface, int status, long elapsedNanos) {
        requests.computeIfAbsent(new Key(surface, status), k -> new LongAdder()).increment();
        nanos.computeIfAbsent(surface, k -> new LongAdder()).add(elapsedNanos);
    }

    /** Registers a gauge; call during wiring only. */
    synchronized void gauge(String name, LongSupplier value) {
        gauges.put(name, value);
    }

    synchronized String scrape() {
        StringBuilder out = new StringBuilder(2048);
        out.append("# HELP gproxy_build_info Build version.\n# TYPE gproxy_build_info gauge\n")
                .append("gproxy_build_info{version=\"").append(version).append("\"} 1\n");
        out.append("# HELP gproxy_http_requests_total HTTP exchanges by surface and status.\n")
                .append("# TYPE gproxy_http_requests_total counter\n");
        new TreeMap<String, Long>(Map.copyOf(flatten())).forEach((labels, n) ->
                out.append("gproxy_http_requests_total{").append(labels).append("} ").append(n).append('\n'));
        out.append("# HELP gproxy_http_request_seconds_total Time spent in exchanges by surface.\n")
                .append("# TYPE gproxy_http_request_seconds_total counter\n");
        for (Surface s : Surface.values()) {
            LongAdder a = nanos.get(s);
            if (a != null) {
                out.append("gproxy_http_request_seconds_total{surface=\"").append(label(s)).append("\"} ")
                        .append(a.sum() / 1e9).append('\n');
            }
        }
        gauges.forEach((name, value) -> out.append("# TYPE ").append(name).append(" gauge\n")
                .append(name).append(' ').append(value.getAsLong()).append('\n'));
        traffic.render(out);
        families.forEach(render -> render.accept(out));
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        out.append("# TYPE process_heap_used_bytes gauge\nprocess_heap_used_bytes ")
                .append(memory.getHeapMemoryUsage().getUsed()).append('\n');
        out.append("# TYPE process_uptime_seconds gauge\nprocess_uptime_seconds ")
                .append(ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0).append('\n');
        return out.toString();
    }

    private Map<String, Long> flatten() {
        Map<String, Long> flat = new TreeMap<>();
        requests.forEach((k, v) -> flat.put("surface=\"" + label(k.surface()) + "\",status=\"" + k.status() + "\"",
                v.sum()));
        return flat;
    }

    private static String label(Surface s) {
        return s.name().toLowerCase(java.util.Locale.ROOT);
    }
}
