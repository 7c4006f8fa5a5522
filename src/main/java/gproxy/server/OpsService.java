package gproxy.server;

import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.error.GatewayException;
import gproxy.json.Json;
import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * {@code /healthz} (public liveness, touches nothing), {@code /readyz} (database and cache reachable,
 * 503 while draining), {@code /version}, {@code /metrics} (Prometheus text, admin-gated unless
 * configured public).
 */
final class OpsService implements HttpService {
    private static final byte[] OK = "{\"status\":\"ok\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    private final Lifecycle lifecycle;
    private final List<HealthCheck> readiness;
    private final GatewayMetrics metrics;
    private final OpsAccess access;
    private final boolean metricsPublic;
    private final String version;

    OpsService(Lifecycle lifecycle, List<HealthCheck> readiness, GatewayMetrics metrics, OpsAccess access,
               boolean metricsPublic, String version) {
        this.lifecycle = lifecycle;
        this.readiness = List.copyOf(readiness);
        this.metrics = metrics;
        this.access = access;
        this.metricsPublic = metricsPublic;
        this.version = version;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/healthz", this::healthz)
                .get("/readyz", this::readyz)
                .get("/version", this::version)
                .get("/metrics", this::metrics);
    }

    private void healthz(ServerRequest req, ServerResponse res) {
        res.header(HeaderValues.CONTENT_TYPE_JSON).header(HeaderValues.CACHE_NO_CACHE).send(OK);
    }

    private void readyz(ServerRequest req, ServerResponse res) {
        ObjectNode body = Json.object();
        ArrayNode checks = body.putArray("checks");
        boolean up = !lifecycle.draining();
        if (lifecycle.draining()) {
            checks.addObject().put("name", "lifecycle").put("status", "DOWN").put("reason", "draining");
        }
        for (HealthCheck check : readiness) {
            HealthCheckResponse r = safeCall(check);
            ObjectNode node = checks.addObject().put("name", check.name()).put("status", r.status().name());
            r.details().forEach((k, v) -> node.put(k, String.valueOf(v)));
            up &= r.status() == HealthCheckResponse.Status.UP;
        }
        body.put("status", up ? "ok" : "unavailable");
        res.status(up ? Status.OK_200 : Status.SERVICE_UNAVAILABLE_503)
                .header(HeaderValues.CONTENT_TYPE_JSON).header(HeaderValues.CACHE_NO_CACHE)
                .send(Json.bytes(body));
    }

    private void version(ServerRequest req, ServerResponse res) {
        res.header(HeaderValues.CONTENT_TYPE_JSON).send(Json.bytes(Json.object().put("version", version)));
    }

    private void metrics(ServerRequest req, ServerResponse res) {
        if (!metricsPublic && !access.isAdmin(req)) {
            throw GatewayException.unauthorized();
        }
        res.header(HeaderValues.create("Content-Type", "text/plain; version=0.0.4; charset=utf-8"))
                .send(metrics.scrape());
    }

    private static HealthCheckResponse safeCall(HealthCheck check) {
        try {
            return check.call();
        } catch (RuntimeException e) {
            return HealthCheckResponse.builder().status(false).detail("error", e.getClass().getSimpleName()).build();
        }
    }
}
