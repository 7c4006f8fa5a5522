package gproxy.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import gproxy.config.UpstreamTimeouts;
import gproxy.store.Query;
import gproxy.store.Row;
import gproxy.store.Schema;
import gproxy.testing.FakeResponses;
import gproxy.testing.FakeUpstream;
import gproxy.testing.Hangup;
import gproxy.testing.RawHttp;
import gproxy.testing.TestGateway;
import gproxy.testing.Usage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A client that hangs up while its request waits for the upstream's answer: the gateway notices
 * (from the kernel's TCP table, within about two seconds) and cuts the upstream call instead of
 * waiting for an answer nobody will read — the upstream sees its connection close, no other
 * candidate is tried, and nothing is billed or left pending.
 */
class ClientHangupTest {
    private static FakeUpstream slow;
    private static FakeUpstream spare;
    private static TestGateway gw;

    @BeforeAll
    static void start() {
        slow = FakeUpstream.start();
        spare = FakeUpstream.start();
        gw = TestGateway.start(s -> s.withUpstreamTimeouts(new UpstreamTimeouts(Duration.ofSeconds(5),
                Duration.ofSeconds(60), Duration.ofSeconds(60))));
        long slowProvider = gw.provider("slow", "openai", slow.url());
        long spareProvider = gw.provider("spare", "openai", spare.url());
        gw.credential(slowProvider, "sk-slow");
        gw.credential(spareProvider, "sk-spare");
        long route = gw.route("thinker", "failover", "{}");
        gw.routeMember(route, slowProvider, "gpt-4o-mini", 0, 1);
        gw.routeMember(route, spareProvider, "gpt-4o-mini", 1, 1);
    }

    @AfterAll
    static void stop() {
        gw.close();
        slow.close();
        spare.close();
    }

    @Test
    void aClientThatHangsUpBeforeTheAnswerCutsTheUpstreamCallAndNoOtherCandidateIsTried() throws Exception {
        TestGateway.User user = gw.user("leaver");
        slow.enqueue(FakeResponses.openAiChat("much later", Usage.of(10, 2)).delayHeaders(Duration.ofSeconds(30)));
        spare.enqueue(FakeResponses.openAiChat("spare", Usage.of(10, 2)));

        long start = System.nanoTime();
        try (RawHttp raw = RawHttp.connect(gw.port())) {
            raw.sendPost("/v1/chat/completions", user.key(), "{\"model\":\"thinker\",\"messages\":[]}");
            assertThat(slow.takeRequest(Duration.ofSeconds(10))).isPresent();
        }
        Optional<Hangup> cut = slow.awaitClientDisconnect(Duration.ofSeconds(15));

        assertThat(cut).as("the gateway closed its upstream connection").isPresent();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        Thread.sleep(300);
        assertThat(spare.requestCount()).as("failover after a hang-up would call an upstream for nobody").isZero();
        gw.gateway().settlements().flush();
        List<Row> usages = gw.gateway().store().list(Schema.USAGES, Query.where("user_id", user.id()));
        assertThat(usages).isEmpty();
        assertThat(gw.gateway().accessControl().openReservations()).isZero();
        assertThat(gw.gateway().settlements().openSettlements()).isZero();
    }

    @Test
    void aClientThatStaysGetsItsSlowAnswer() throws Exception {
        TestGateway.User user = gw.user("stayer");
        slow.enqueue(FakeResponses.openAiChat("worth the wait", Usage.of(10, 2)).delayHeaders(Duration.ofMillis(2_500)));

        try (RawHttp raw = RawHttp.connect(gw.port())) {
            raw.sendPost("/v1/chat/completions", user.key(), "{\"model\":\"slow/gpt-4o-mini\",\"messages\":[]}");
            assertThat(raw.readHead().status()).isEqualTo(200);
        }
    }
}
