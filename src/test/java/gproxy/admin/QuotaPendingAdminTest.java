package gproxy.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;

import gproxy.testing.FakeResponses;
import gproxy.testing.FakeUpstream;
import gproxy.testing.TestGateway;
import gproxy.testing.Usage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code GET /admin/quota-pending}: the reservations of requests in flight, per quota row, gone once they settle. */
class QuotaPendingAdminTest {
    private static FakeUpstream upstream;
    private static TestGateway gw;

    @BeforeAll
    static void start() {
        upstream = FakeUpstream.start();
        gw = TestGateway.start();
        gw.credential(gw.provider("fake", "openai", upstream.url()), "sk-upstream");
        gw.adminPost("/admin/price-rules", "{\"model_match\":\"gpt-4o-mini\",\"input_price\":\"2.5\",\"output_price\":\"10\"}");
    }

    @AfterAll
    static void stop() {
        gw.close();
        upstream.close();
    }

    @Test
    void aRequestInFlightShowsItsReservationOnItsUsersQuotaUntilItSettles() throws Exception {
        TestGateway.User payer = gw.user("payer");
        TestGateway.User idle = gw.user("idle");
        long payerQuota = quota(payer);
        long idleQuota = quota(idle);
        upstream.enqueue(FakeResponses.openAiChat("slow answer", Usage.of(10, 2)).delayHeaders(Duration.ofSeconds(2)));

        CompletableFuture<HttpResponse<String>> call = CompletableFuture.supplyAsync(() -> gw.post(
                gw.request("/v1/chat/completions").header("Authorization", "Bearer " + payer.key()),
                "{\"model\":\"fake/gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"a question\"}]}"));

        assertThat(awaitPending(payerQuota, true)).isPositive();
        assertThat(pending(idleQuota)).isZero();
        assertThat(call.get().statusCode()).isEqualTo(200);
        assertThat(awaitPending(payerQuota, false)).isZero();
    }

    @Test
    void everyQuotaRowIsListedWithItsScope() {
        TestGateway.User user = gw.user("listed");
        long id = quota(user);

        JsonNode row = row(id);

        assertThat(row.path("scope").asText()).isEqualTo("user");
        assertThat(row.path("scope_id").asLong()).isEqualTo(user.id());
        assertThat(row.path("pending").asText()).isEqualTo("0");
    }

    private static long quota(TestGateway.User user) {
        return gw.adminPost("/admin/quotas", "{\"scope\":\"user\",\"scope_id\":" + user.id() + ",\"quota_total\":\"100\"}")
                .path("id").asLong();
    }

    private static BigDecimal awaitPending(long quotaId, boolean positive) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        BigDecimal pending = pending(quotaId);
        while ((pending.signum() > 0) != positive && System.nanoTime() < deadline) {
            Thread.sleep(20);
            pending = pending(quotaId);
        }
        return pending;
    }

    private static BigDecimal pending(long quotaId) {
        return new BigDecimal(row(quotaId).path("pending").asText());
    }

    private static JsonNode row(long quotaId) {
        HttpResponse<String> res = gw.send(gw.admin("/admin/quota-pending"));
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        for (JsonNode row : TestGateway.json(res)) {
            if (row.path("quota_id").asLong() == quotaId) {
                return row;
            }
        }
        throw new AssertionError("no quota " + quotaId + " in " + res.body());
    }
}
