package gproxy.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import gproxy.store.JdbcStore;
import gproxy.store.Query;
import gproxy.store.Row;
import gproxy.store.Schema;
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
}
