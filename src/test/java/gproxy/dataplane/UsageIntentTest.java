package gproxy.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.BooleanSupplier;

import gproxy.store.Query;
import gproxy.store.Schema;
import gproxy.testing.FakeResponses;
import gproxy.testing.FakeUpstream;
import gproxy.testing.TestGateway;
import gproxy.testing.Usage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The intent of each request on the live request path (DESIGN §4.1): an answered request's intent
 * goes with the writing of its usage row; a request that ends without one (an upstream error passed
 * on) cancels its intent, so a later restart bills nothing for it.
 */
class UsageIntentTest {
    private static FakeUpstream upstream;
    private static TestGateway gw;
    private static TestGateway.User user;

    @BeforeAll
    static void start() {
        upstream = FakeUpstream.start();
        gw = TestGateway.start();
        gw.credential(gw.provider("fake", "openai", upstream.url()), "sk-upstream-1");
        user = gw.user("intent-user");
    }

    @AfterAll
    static void stop() {
        gw.close();
        upstream.close();
    }

    @Test
    void anAnsweredRequestsIntentIsReplacedByItsUsageRow() {
        upstream.enqueue(FakeResponses.openAiChat("hello", Usage.of(3, 1)));

        HttpResponse<String> res = chat();

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        String id = res.headers().firstValue("x-gproxy-request-id").orElseThrow();
        await(() -> gw.gateway().store().count(Schema.USAGES, Query.where("request_id", id)) == 1);
        assertThat(gw.gateway().store().count(Schema.USAGE_INTENTS, Query.where("request_id", id))).isZero();
    }

    @Test
    void aRequestEndingWithoutAUsageRowCancelsItsIntent() {
        upstream.enqueue(FakeResponses.openAiError(400, "bad request"));

        HttpResponse<String> res = chat();

        assertThat(res.statusCode()).isEqualTo(400);
        String id = res.headers().firstValue("x-gproxy-request-id").orElseThrow();
        await(() -> gw.gateway().store().count(Schema.USAGE_INTENTS, Query.where("request_id", id)) == 0);
        assertThat(gw.gateway().store().count(Schema.USAGES, Query.where("request_id", id))).isZero();
    }

    private static HttpResponse<String> chat() {
        return gw.post(gw.request("/v1/chat/completions").header("Authorization", "Bearer " + user.key()),
                "{\"model\":\"fake/gpt-4o-mini\",\"messages\":[]}");
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition met in time").isLessThan(deadline);
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
