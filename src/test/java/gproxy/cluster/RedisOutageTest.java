package gproxy.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;

import gproxy.testing.FakeResponses;
import gproxy.testing.FakeUpstream;
import gproxy.testing.FreshDatabase;
import gproxy.testing.PrivateRedis;
import gproxy.testing.TestGateway;
import gproxy.testing.Usage;

/**
 * Two instances on PostgreSQL and a private redis-server that is killed and brought back: limited
 * requests fail closed with 503 {@code counter_unavailable} on both, quickly, and both serve again
 * once Redis is back, without a restart; a config write made during the outage reaches the peer
 * through the resync after the reconnect, long before the 30-second poll.
 */
class RedisOutageTest {

    @Test
    void killingRedisFailsLimitedRequestsClosedOnBothAndTheyRecoverWithoutARestart() throws Exception {
        try (FreshDatabase db = FreshDatabase.postgres();
             PrivateRedis redis = PrivateRedis.launch();
             FakeUpstream upstream = FakeUpstream.start();
             TestGateway a = TestGateway.start(s -> s.withDsn(db.dsn()).withCluster(redis.url(), 1,
                     Duration.ofSeconds(30)));
             TestGateway b = TestGateway.join(a, s -> s.withDsn(db.dsn()).withCluster(redis.url(), 2,
                     Duration.ofSeconds(30)))) {
            upstream.dispatcher(request -> FakeResponses.openAiChat("hi", Usage.of(4, 1)));
            a.credential(a.provider("fake", "openai", upstream.url()), "sk-upstream");
            TestGateway.User user = a.user("limited");
            TestGateway.User free = a.user("unlimited");
            a.adminPost("/admin/rate-limits", "{\"scope\":\"user\",\"scope_id\":" + user.id() + ",\"rpm\":1000}");
            await(() -> chat(b, user, "fake/gpt-4o-mini").statusCode() == 200);

            redis.stop();
            long started = System.nanoTime();
            HttpResponse<String> onA = chat(a, user, "fake/gpt-4o-mini");
            long refusedAfterMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            HttpResponse<String> onB = chat(b, user, "fake/gpt-4o-mini");

            System.out.println("[measure] RedisOutageTest: limited request refused " + refusedAfterMs
                    + " ms after Redis died");
            assertThat(onA.statusCode()).as(onA.body()).isEqualTo(503);
            assertThat(onA.body()).contains("counter_unavailable");
            assertThat(onB.statusCode()).as(onB.body()).isEqualTo(503);
            assertThat(refusedAfterMs).isLessThan(2_000);
            // a caller with no limit and no quota needs no counter: it keeps being served
            assertThat(chat(b, free, "fake/gpt-4o-mini").statusCode()).isEqualTo(200);
            a.credential(a.provider("during-outage", "openai", upstream.url()), "sk-outage");

            redis.start();
            long back = System.nanoTime();
            await(() -> chat(a, user, "fake/gpt-4o-mini").statusCode() == 200
                    && chat(b, user, "fake/gpt-4o-mini").statusCode() == 200);
            long recoveredMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - back);
            await(() -> chat(b, user, "during-outage/gpt-4o-mini").statusCode() == 200);
            long resyncedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - back);

            System.out.println("[measure] RedisOutageTest: limited requests served again " + recoveredMs
                    + " ms after Redis returned; the outage's config write reached B after " + resyncedMs + " ms");
            assertThat(resyncedMs).isLessThan(15_000); // the revision poll is 30 s: this was the reconnect resync
        }
    }

    private static HttpResponse<String> chat(TestGateway gw, TestGateway.User user, String model) {
        return gw.post(gw.request("/v1/chat/completions").header("Authorization", "Bearer " + user.key()),
                "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 20 s");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
