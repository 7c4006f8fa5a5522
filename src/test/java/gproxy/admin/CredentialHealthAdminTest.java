package gproxy.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import gproxy.channel.Disposition;
import gproxy.engine.Candidate;
import gproxy.engine.Health;
import gproxy.protocol.RoutingDecision;
import gproxy.snapshot.Routing;
import gproxy.testing.TestGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Health persistence and the operator reset end to end: the gateway's own {@link Health} is driven
 * directly (as the attempt loop will), its edges reach the status tables through the recorder, and
 * the admin routes read and reset them.
 */
class CredentialHealthAdminTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static TestGateway gw;

    @BeforeAll
    static void start() {
        gw = TestGateway.start();
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    @Test
    void healthEdgesLandInTheStatusTablesWithoutBumpingTheRevision() {
        Candidate c = candidate("edges", "gpt-4o");
        long credential = c.credential().id();
        long snapshotRevision = gw.gateway().controlPlane().current().revision();
        long storedRevision = gw.gateway().store().revision();

        openBreaker(c);
        gw.gateway().health().recordCredential(c.provider(), credential, Disposition.AUTH_DEAD);

        JsonNode model = awaitRows("/admin/credentials/" + credential + "/model-statuses").get(0);
        assertThat(model.path("channel").asText()).isEqualTo("openai");
        assertThat(model.path("model_id").asText()).isEqualTo("gpt-4o");
        assertThat(model.path("health_kind").asText()).isEqualTo("breaker");
        assertThat(model.at("/health_json/state").asText()).isEqualTo("open");
        assertThat(model.at("/health_json/consecutive_failures").asInt()).isEqualTo(5);
        assertThat(model.path("last_error").asText()).isEqualTo("5 consecutive failures");
        JsonNode wide = awaitRows("/admin/credentials/" + credential + "/status").get(0);
        assertThat(wide.path("health_kind").asText()).isEqualTo("auth_dead");
        assertThat(wide.has("model_id")).isFalse();
        assertThat(gw.gateway().controlPlane().current().revision()).isEqualTo(snapshotRevision);
        assertThat(gw.gateway().store().revision()).isEqualTo(storedRevision);
    }

    @Test
    void deletingModelStatusesResetsTheInMemoryBreaker() {
        Candidate c = candidate("reset", "gpt-4o");
        long credential = c.credential().id();
        openBreaker(c);
        assertThat(gw.gateway().health().tryAcquire(c)).isFalse();
        awaitRows("/admin/credentials/" + credential + "/model-statuses");

        HttpResponse<String> res = gw.send(gw.admin("/admin/credentials/" + credential + "/model-statuses").DELETE());

        assertThat(res.statusCode()).isEqualTo(204);
        assertThat(gw.gateway().health().tryAcquire(c)).isTrue();
        assertThat(TestGateway.json(gw.send(gw.admin("/admin/credentials/" + credential + "/model-statuses"))))
                .isEmpty();
    }

    @Test
    void deletingTheStatusClearsACredentialWideCooldown() {
        Candidate c = candidate("wide", "");
        long credential = c.credential().id();
        gw.gateway().health().recordCredential(c.provider(), credential, Disposition.AUTH_DEAD);
        assertThat(gw.gateway().health().tryAcquireCredential(credential)).isFalse();
        awaitRows("/admin/credentials/" + credential + "/status");

        assertThat(gw.send(gw.admin("/admin/credentials/" + credential + "/status").DELETE()).statusCode())
                .isEqualTo(204);

        assertThat(gw.gateway().health().tryAcquireCredential(credential)).isTrue();
        assertThat(TestGateway.json(gw.send(gw.admin("/admin/credentials/" + credential + "/status")))).isEmpty();
    }

    @Test
    void theStatusListsFilterByCredentialAndHealthKind() {
        Candidate first = candidate("list-a", "m");
        Candidate second = candidate("list-b", "m");
        openBreaker(first);
        gw.gateway().health().record(second, new Disposition.RateLimited(Optional.empty()), Duration.ZERO);
        awaitRows("/admin/credentials/" + first.credential().id() + "/model-statuses");
        awaitRows("/admin/credentials/" + second.credential().id() + "/model-statuses");

        JsonNode limited = TestGateway.json(gw.send(gw.admin("/admin/credential-model-statuses?health_kind=rate_limited")));
        JsonNode ofFirst = TestGateway.json(gw.send(gw.admin("/admin/credential-model-statuses?credential_id="
                + first.credential().id())));

        assertThat(limited).extracting(r -> r.path("credential_id").asLong()).contains(second.credential().id())
                .doesNotContain(first.credential().id());
        assertThat(ofFirst).singleElement().satisfies(r -> assertThat(r.path("health_kind").asText())
                .isEqualTo("breaker"));
        assertThat(TestGateway.json(gw.send(gw.admin("/admin/credential-statuses?credential_id="
                + first.credential().id())))).isEmpty();
    }

    @Test
    void statusRoutesAnswer404ForAnUnknownCredentialAnd400ForABadFilter() {
        assertThat(gw.send(gw.admin("/admin/credentials/987654/status")).statusCode()).isEqualTo(404);
        assertThat(gw.send(gw.admin("/admin/credentials/987654/model-statuses").DELETE()).statusCode())
                .isEqualTo(404);
        HttpResponse<String> bad = gw.send(gw.admin("/admin/credential-statuses?credential_id=abc"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(TestGateway.json(bad).at("/error/field").asText()).isEqualTo("credential_id");
    }

    private static void openBreaker(Candidate c) {
        Health health = gw.gateway().health();
        for (int i = 0; i < 5; i++) {
            health.record(c, Disposition.TRANSIENT, Duration.ZERO);
        }
    }

    /** A provider of channel openai with one credential, as the snapshot indexes it. */
    private static Candidate candidate(String name, String model) {
        long provider = TestGateway.json(gw.post(gw.admin("/admin/providers"),
                "{\"name\":\"" + name + "\",\"channel\":\"openai\"}")).path("id").asLong();
        HttpResponse<String> credential = gw.post(gw.admin("/admin/providers/" + provider + "/credentials"),
                "{\"secret_json\":{\"api_key\":\"sk-" + name + "\"}}");
        assertThat(credential.statusCode()).as(credential.body()).isEqualTo(200);
        Routing.Provider p = gw.gateway().controlPlane().current().routing().provider(provider).orElseThrow();
        return new Candidate(p, p.credentials().getFirst(), model, Optional.empty(), RoutingDecision.PASSTHROUGH);
    }

    /** The rows of a status route once the recorder has written at least one (it writes in the background). */
    private static JsonNode awaitRows(String path) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            JsonNode rows = TestGateway.json(gw.send(gw.admin(path)));
            if (!rows.isEmpty() || System.nanoTime() > deadline) {
                assertThat(rows).as(path).isNotEmpty();
                return rows;
            }
            Thread.onSpinWait();
        }
    }
}
