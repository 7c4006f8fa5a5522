package gproxy.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import gproxy.store.JdbcStore;
import gproxy.store.Query;
import gproxy.store.Row;
import gproxy.store.Schema;
import gproxy.testing.FakeResponse;
import gproxy.testing.FakeResponses;
import gproxy.testing.FakeUpstream;
import gproxy.testing.RawHttp;
import gproxy.testing.TestGateway;
import gproxy.testing.Usage;
import org.junit.jupiter.api.Test;

/** The last ending of DESIGN §4.2: a stream cut by the drain deadline settles as interrupted before exit. */
class ShutdownSettlementTest {

    @Test
    void aStreamCutByTheDrainDeadlineIsSettledInterruptedBeforeTheStoreCloses() throws Exception {
        try (FakeUpstream upstream = FakeUpstream.start()) {
            TestGateway gw = TestGateway.start(s -> s.withDrainTimeout(Duration.ofMillis(300)));
            TestGateway.User user;
            try {
                gw.credential(gw.provider("fake", "openai", upstream.url()), "sk-upstream-1");
                user = gw.user("late");
                List<String> deltas = new ArrayList<>();
                for (int i = 0; i < 400; i++) {
                    deltas.add("word" + i + " ");
                }
                upstream.enqueue(FakeResponses.openAiChatStream(deltas, Usage.of(9, 400)).drip(Duration.ofMillis(25)));
                try (RawHttp raw = RawHttp.connect(gw.port())) {
                    raw.sendPost("/v1/chat/completions", user.key(), "{\"model\":\"fake/gpt-4o-mini\",\"stream\":true,"
                            + "\"messages\":[{\"role\":\"user\",\"content\":\"go on\"}]}");
                    assertThat(raw.readHead().status()).isEqualTo(200);
                    assertThat(raw.readChunk()).isNotEmpty();
                    assertThat(gw.gateway().settlements().openSettlements()).isEqualTo(1);

                    gw.close();
                }
            } finally {
                gw.close();
            }

            try (JdbcStore store = JdbcStore.open("sqlite://" + gw.dataDir().toAbsolutePath().normalize()
                    .resolve("gproxy.db") + "?mode=rwc")) {
                List<Row> rows = store.list(Schema.USAGES, Query.where("user_id", user.id()));
                assertThat(rows).hasSize(1);
                assertThat(rows.getFirst().get("ended")).isEqualTo("interrupted");
                assertThat(rows.getFirst().longValue("output_tokens")).isLessThan(400);
            }
            assertThat(gw.gateway().settlements().openSettlements()).isZero();
            assertThat(gw.gateway().accessControl().openReservations()).isZero();
            upstream.awaitClientDisconnect(Duration.ofSeconds(5));
        }
    }

    @Test
    void shutdownWaitsForASettlementStillCountingAtTheUpstreamAndWritesItsCountedRow() throws Exception {
        CountDownLatch asked = new CountDownLatch(1);
        CountDownLatch answer = new CountDownLatch(1);
        try (FakeUpstream upstream = FakeUpstream.start()) {
            upstream.dispatcher(r -> {
                if (!r.path().endsWith(":countTokens")) {
                    return FakeResponse.json("{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":"
                            + "[{\"text\":\"counted answer\"}]},\"finishReason\":\"STOP\"}]}");
                }
                asked.countDown();
                try {
                    answer.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return FakeResponse.json("{\"totalTokens\":" + (r.bodyText().contains("counted answer") ? 3 : 11) + "}");
            });
            TestGateway gw = TestGateway.start();
            TestGateway.User user;
            Thread closing;
            try {
                gw.credential(gw.provider("gem", "aistudio", upstream.url()), "AIza-counting");
                user = gw.user("counted-at-shutdown");
                HttpResponse<String> res = gw.post(gw.request("/v1beta/models/gem/gemini-2.5-flash:generateContent")
                        .header("x-goog-api-key", user.key()), "{\"contents\":[{\"role\":\"user\",\"parts\":"
                        + "[{\"text\":\"count me\"}]}]}");
                assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
                assertThat(asked.await(5, TimeUnit.SECONDS)).isTrue();

                closing = Thread.ofVirtual().start(gw::close);
                closing.join(Duration.ofMillis(500));
                assertThat(closing.isAlive()).as("shutdown waits for the settlement still counting").isTrue();
                answer.countDown();
                closing.join(Duration.ofSeconds(20));
                assertThat(closing.isAlive()).isFalse();
            } finally {
                answer.countDown();
                gw.close();
            }

            try (JdbcStore store = JdbcStore.open("sqlite://" + gw.dataDir().toAbsolutePath().normalize()
                    .resolve("gproxy.db") + "?mode=rwc")) {
                List<Row> rows = store.list(Schema.USAGES, Query.where("user_id", user.id()));
                assertThat(rows).hasSize(1);
                assertThat(rows.getFirst().get("usage_source")).isEqualTo("counted");
                assertThat(rows.getFirst().longValue("input_tokens")).isEqualTo(11);
                assertThat(rows.getFirst().longValue("output_tokens")).isEqualTo(3);
            }
            assertThat(gw.gateway().settlements().openSettlements()).isZero();
            assertThat(gw.gateway().accessControl().openReservations()).isZero();
        }
    }
}
