package gproxy.server;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

import gproxy.cache.CacheBackend;
import gproxy.config.Settings;
import gproxy.snapshot.ControlPlane;
import gproxy.store.Schema;
import gproxy.store.Store;
import io.helidon.health.HealthCheck;
import io.helidon.http.DirectHandler;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.DirectHandlers;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.HttpService;

/**
 * The running HTTP server and its drain. Resources it does not own (store, cache, writers) are
 * closed by whoever assembled it, after {@link #drainAndStop()} returns.
 */
public final class GatewayServer {
    private static final Logger LOG = System.getLogger(GatewayServer.class.getName());

    private final Settings settings;
    private final Lifecycle lifecycle;
    private final WebServer server;

    private GatewayServer(Settings settings, Lifecycle lifecycle, WebServer server) {
        this.settings = settings;
        this.lifecycle = lifecycle;
        this.server = server;
    }

    public static Builder builder(Settings settings) {
        return new Builder(settings);
    }

    public int port() {
        return server.port();
    }

    public boolean draining() {
        return lifecycle.draining();
    }

    public int inFlight() {
        return lifecycle.inFlight();
    }

    /**
     * Stops taking connections at once, then waits for in-flight exchanges (all of them, or until the
     * drain deadline when one is configured). Idle keep-alive connections are not waited for.
     */
    public void drainAndStop() {
        if (!lifecycle.startDraining()) {
            return;
        }
        Thread stopper = Thread.ofPlatform().daemon().name("gproxy-listener-stop").start(server::stop);
        boolean clean = Shutdown.drain(lifecycle, settings.drainTimeout());
        LOG.log(clean ? Level.INFO : Level.WARNING, clean ? "drained: no request in flight"
                : "drain cut short: " + lifecycle.inFlight() + " exchanges still open");
        try {
            // Helidon's stop returns once connections are gone; idle keep-alive ones may linger
            // until their client closes them, which must not hold the process.
            stopper.join(Duration.ofSeconds(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Gauge(String name, LongSupplier value) {
    }

    private record Mount(String path, HttpService service) {
    }

    /** Assembles the routing and binds the listener. */
    public static final class Builder {
        private final Settings settings;
        private final List<HealthCheck> readiness = new ArrayList<>();
        private final List<Gauge> gauges = new ArrayList<>();
        private final List<Mount> mounts = new ArrayList<>();
        private final List<Filter> filters = new ArrayList<>();
        private OpsAccess access;
        private String version = "dev";
        private TrafficMetrics traffic = new TrafficMetrics();
        private final List<java.util.function.Consumer<StringBuilder>> families = new ArrayList<>();

        private Builder(Settings settings) {
            this.settings = settings;
        }

        public Builder readiness(HealthCheck check) {
            readiness.add(check);
            return this;
        }

        public Builder gauge(String name, LongSupplier value) {
            gauges.add(new Gauge(name, value));
            return this;
        }

        /** The traffic counters the data plane and settlement feed; rendered on {@code /metrics}. */
        Builder traffic(TrafficMetrics traffic) {
            this.traffic = traffic;
            return this;
        }

        /** Metric families rendered at scrape time (gauges with labels). */
        Builder families(java.util.function.Consumer<StringBuilder> render) {
            families.add(render);
            return this;
        }

        public Builder mount(String path, HttpService service) {
            mounts.add(new Mount(path, service));
            return this;
        }

        /** A client-surface filter (see {@link GatewayRouting#filter}). */
        public Builder filter(Filter filter) {
            filters.add(filter);
            return this;
        }

        public Builder adminAccess(ControlPlane plane, CacheBackend cache, Store store) {
            this.access = new OpsAccess(plane, cache, id -> store.find(Schema.USERS, id));
            readiness.add(new CacheHealthCheck(cache));
            return this;
        }

        public Builder version(String version) {
            this.version = version;
            return this;
        }

        public GatewayServer start() {
            if (access == null) {
                throw new IllegalStateException("adminAccess(...) is required");
            }
            Lifecycle lifecycle = new Lifecycle();
            GatewayMetrics metrics = new GatewayMetrics(version, traffic);
            families.forEach(metrics::families);
            metrics.gauge("gproxy_in_flight_exchanges", lifecycle::inFlight);
            gauges.forEach(g -> metrics.gauge(g.name(), g.value()));
            OpsService ops = new OpsService(lifecycle, readiness, metrics, access, settings.metricsPublic(), version);
            GatewayRouting routing = new GatewayRouting(settings, lifecycle, metrics, ops);
            mounts.forEach(m -> routing.mount(m.path(), m.service()));
            filters.forEach(routing::filter);
            WebServer server = WebServer.builder()
                    .host(settings.host())
                    .port(settings.port())
                    .shutdownHook(false)
                    .shutdownGracePeriod(settings.drainTimeout().orElse(Lifecycle.forever()))
                    // our BodyLimitFilter answers first (with a request id); this is the backstop
                    .maxPayloadSize(settings.maxBodyBytes() + 1024 * 1024)
                    // without it Nagle holds a stream's small first event until the client's delayed ACK (~40 ms)
                    .connectionOptions(o -> o.tcpNoDelay(true))
                    .directHandlers(transportErrors(settings.instanceId()))
                    .routing(routing::configure)
                    .build()
                    .start();
            LOG.log(Level.INFO, "listening on http://" + settings.host() + ":" + server.port());
            return new GatewayServer(settings, lifecycle, server);
        }

        private static DirectHandlers transportErrors(long instanceId) {
            TransportErrors handler = new TransportErrors(instanceId);
            DirectHandlers.Builder handlers = DirectHandlers.builder();
            for (DirectHandler.EventType type : DirectHandler.EventType.values()) {
                handlers.addHandler(type, handler);
            }
            return handlers.build();
        }
    }
}
