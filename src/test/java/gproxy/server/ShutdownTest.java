package gproxy.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import gproxy.config.Settings;
import gproxy.store.JdbcStore;
import gproxy.store.Query;
import gproxy.store.Schema;
import gproxy.store.Store;
import gproxy.testing.GatewayProcess;
import gproxy.testing.RawHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Graceful shutdown of the real process: SIGTERM while a slow stream is open. The stream must arrive
 * whole, the listener must refuse new connections at once, readiness must report the drain, the
 * process must exit 0, and what the background writers had queued must be in the database.
 */
class ShutdownTest {
    private static final String MAIN = "gproxy.server.SlowStreamMain";
    private static final String PASSWORD = "correct horse battery staple";
    private static final Duration START = Duration.ofSeconds(60);

    @TempDir
    Path dataDir;

    @Test
    void sigtermDrainsAnOpenStreamRefusesNewConnectionsFlushesWritesAndExitsZero() throws Exception {
        try (GatewayProcess gateway = GatewayProcess.start(MAIN, List.of("--data-dir", dataDir.toString(),
                "--port", "0"), Map.of("GPROXY_ADMIN_PASSWORD", PASSWORD))) {
            int port = gateway.awaitPort(START);
            int audited = makeAuditedChanges(port, 3);

            try (RawHttp stream = RawHttp.connect(port)) {
                stream.sendGet("/test/slow-stream?events=12&gap-ms=150");
                RawHttp.Head head = stream.readHead();
                assertThat(head.status()).isEqualTo(200);
                StringBuilder received = new StringBuilder(stream.readChunk());

                gateway.terminate();
                assertThat(gateway.awaitLine("shutdown signal received", Duration.ofSeconds(5)))
                        .as("log line; output:%n%s", gateway.output()).isTrue();
                assertThat(refusesWithin(port, Duration.ofSeconds(3)))
                        .as("new connections refused while the stream drains").isTrue();

                for (String chunk = stream.readChunk(); !chunk.isEmpty(); chunk = stream.readChunk()) {
                    received.append(chunk);
                }
                assertThat(received.toString()).contains("data: event 1\n", "data: event 12\n")
                        .endsWith("data: [DONE]\n\n");
            }

            assertThat(gateway.awaitExit(Duration.ofSeconds(30))).as("exit code; output:%n%s", gateway.output())
                    .isZero();
            assertThat(gateway.output()).contains("shutdown complete");
            assertThat(auditRows()).isGreaterThanOrEqualTo(audited);
        }
    }

    @Test
    void drainDeadlineCutsAStreamThatOutlivesItAndStillExitsZero() throws Exception {
        try (GatewayProcess gateway = GatewayProcess.start(MAIN, List.of("--data-dir", dataDir.toString(),
                "--port", "0", "--drain-timeout", "1s"), Map.of("GPROXY_ADMIN_PASSWORD", PASSWORD))) {
            int port = gateway.awaitPort(START);
            try (RawHttp stream = RawHttp.connect(port)) {
                stream.sendGet("/test/slow-stream?events=100&gap-ms=100");
                assertThat(stream.readHead().status()).isEqualTo(200);
                stream.readChunk();
                long signalled = System.nanoTime();
                gateway.terminate();

                assertThat(gateway.awaitExit(Duration.ofSeconds(20))).as("output:%n%s", gateway.output()).isZero();
                assertThat(Duration.ofNanos(System.nanoTime() - signalled)).isLessThan(Duration.ofSeconds(10));
                assertThat(gateway.output()).contains("drain deadline");
                assertThat(readRest(stream)).doesNotContain("[DONE]");
            }
        }
    }

    @Test
    void idleGatewayExitsZeroOnSigint() throws Exception {
        try (GatewayProcess gateway = GatewayProcess.start(MAIN, List.of("--data-dir", dataDir.toString(),
                "--port", "0"), Map.of("GPROXY_ADMIN_PASSWORD", PASSWORD))) {
            gateway.awaitPort(START);
            gateway.signal("INT");
            assertThat(gateway.awaitExit(Duration.ofSeconds(20))).as("output:%n%s", gateway.output()).isZero();
            assertThat(gateway.output()).contains("shutdown signal received (SIGINT)");
        }
    }

    /** Logs in and creates {@code providers} providers; returns how many audit rows that made. */
    private static int makeAuditedChanges(int port, int providers) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + port + "/admin";
        HttpResponse<String> login = client.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"admin\",\"password\":\"" + PASSWORD + "\"}"))
                .header("content-type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        String cookie = login.headers().firstValue("set-cookie").orElseThrow().split(";")[0];
        for (int i = 0; i < providers; i++) {
            HttpResponse<String> created = client.send(HttpRequest.newBuilder(URI.create(base + "/providers"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"p" + i + "\",\"channel\":\"openai\"}"))
                    .header("content-type", "application/json").header("cookie", cookie).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        }
        return 1 + providers;
    }

    private long auditRows() {
        try (Store store = JdbcStore.open(Settings.sqliteDsn(dataDir))) {
            return store.count(Schema.AUDIT_LOGS, Query.all());
        }
    }

    private static boolean refusesWithin(int port, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!RawHttp.accepts(port)) {
                return true;
            }
            Thread.sleep(25);
        }
        return false;
    }

    private static String readRest(RawHttp stream) {
        StringBuilder rest = new StringBuilder();
        try {
            for (String chunk = stream.readChunk(); !chunk.isEmpty(); chunk = stream.readChunk()) {
                rest.append(chunk);
            }
        } catch (Exception cut) {
            // the expected end: the connection was closed mid-stream
        }
        return rest.toString();
    }
}
