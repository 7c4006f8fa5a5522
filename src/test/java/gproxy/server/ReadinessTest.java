package gproxy.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

import gproxy.cache.InProcessCache;
import gproxy.config.Settings;
import gproxy.snapshot.ControlPlane;
import gproxy.snapshot.Snapshot;
import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.webserver.WebServer;
import org.junit.jupiter.api.Test;

/** {@code /readyz} reports every readiness check, and turns 503 the moment a drain begins. */
class ReadinessTest {
    private static final ControlPlane EMPTY = new ControlPlane() {
        @Override
        public Snapshot current() {
            return Snapshot.empty();
        }

        @Override
        public Snapshot reload() {
            return Snapshot.empty();
        }
    };

    private static HttpResponse<String> get(WebServer server, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static WebServer start(Lifecycle lifecycle, List<HealthCheck> checks) {
        GatewayMetrics metrics = new GatewayMetrics("test");
        OpsService ops = new OpsService(lifecycle, checks, metrics, new OpsAccess(EMPTY, new InProcessCache(), id -> java.util.Optional.empty()),
                false, "test");
        GatewayRouting routing = new GatewayRouting(Settings.defaults(Path.of("target/unused")), lifecycle, metrics,
                ops);
        return WebServer.builder().host("127.0.0.1").port(0).shutdownHook(false).routing(routing::configure)
                .build().start();
    }

    @Test
    void readinessTurns503WithConnectionCloseOnceDrainingStarts() throws Exception {
        Lifecycle lifecycle = new Lifecycle();
        WebServer server = start(lifecycle, List.of());
        try {
            assertThat(get(server, "/readyz").statusCode()).isEqualTo(200);
            lifecycle.startDraining();
            HttpResponse<String> draining = get(server, "/readyz");
            assertThat(draining.statusCode()).isEqualTo(503);
            assertThat(draining.body()).contains("\"reason\":\"draining\"");
            assertThat(draining.headers().firstValue("connection")).contains("close");
            assertThat(get(server, "/healthz").statusCode()).as("liveness is not readiness").isEqualTo(200);
        } finally {
            server.stop();
        }
    }

    @Test
    void aFailingCheckMakesTheGatewayUnreadyAndSaysWhich() throws Exception {
        HealthCheck database = new HealthCheck() {
            @Override
            public String name() {
                return "database";
            }

            @Override
            public HealthCheckResponse call() {
                throw new IllegalStateException("connection refused to db.internal:5432");
            }
        };
        WebServer server = start(new Lifecycle(), List.of(database));
        try {
            HttpResponse<String> res = get(server, "/readyz");
            assertThat(res.statusCode()).isEqualTo(503);
            assertThat(res.body()).contains("\"name\":\"database\"", "\"status\":\"DOWN\"", "IllegalStateException")
                    .doesNotContain("db.internal");
        } finally {
            server.stop();
        }
    }
}
