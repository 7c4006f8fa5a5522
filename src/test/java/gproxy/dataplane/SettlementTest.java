package gproxy.dataplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import gproxy.config.UpstreamTimeouts;
import gproxy.store.Query;
import gproxy.store.Row;
import gproxy.store.Schema;
import gproxy.testing.FakeResponses;
import gproxy.testing.FakeUpstream;
import gproxy.testing.RawHttp;
import gproxy.testing.RecordedRequest;
import gproxy.testing.TestGateway;
import gproxy.testing.Usage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Admission and exactly-once settlement through the whole gateway (DESIGN §3, §4.2): one test per
 * way a request can end, each asserting the usage row, the quota's spend and that nothing is left
 * pending. Prices: gpt-4o-mini at $2.5 / $10 per million tokens, i.e. 2,500 / 10,000 nano-dollars a token.
 */
class SettlementTest {
    private static final long INPUT_NANOS = 2_500;
    private static final long OUTPUT_NANOS = 10_000;
    private static final AtomicInteger USERS = new AtomicInteger();

    private static FakeUpstream upstream;
    private static FakeUpstream hop;
    private static TestGateway gw;
    private static long hopSecond;

    @BeforeAll
    static void start() {
        upstream = FakeUpstream.start();
        hop = FakeUpstream.start();
        gw = TestGateway.start(s -> s.withUpstreamTimeouts(new UpstreamTimeouts(Duration.ofSeconds(5),
                Duration.ofSeconds(10), Duration.ofMillis(700))));
        gw.credential(gw.provider("fake", "openai", upstream.url()), "sk-upstream-1");
        long hopProvider = gw.provider("hop", "openai", hop.url());
        gw.credential(hopProvider, "sk-hop-a");
        hopSecond = gw.credential(hopProvider, "sk-hop-b");
        gw.adminPost("/admin/price-rules", "{\"model_match\":\"gpt-4o-mini\",\"input_price\":\"2.5\","
                + "\"output_price\":\"10\"}");
    }

    @AfterAll
    static void stop() {
        gw.close();
        upstream.close();
        hop.close();
    }

    @AfterEach
    void nothingIsLeftPending() {
        awaitIdle();
        assertThat(gw.gateway().accessControl().openReservations()).isZero();
        assertThat(gw.gateway().settlements().openSettlements()).isZero();
        // and the reservations themselves are gone from the cache, for every quota row
        assertThat(TestGateway.json(gw.send(gw.admin("/admin/quota-pending"))))
                .allSatisfy(q -> assertThat(q.path("pending").asText()).as(q.toString()).isEqualTo("0"));
        upstream.releaseStalls();
    }

    @Test
    void aWholeAnswerSettlesCompleteAtTheUpstreamsUsageAndCharges() {
        TestGateway.User user = budgeted();
        upstream.enqueue(FakeResponses.openAiChat("hello there", Usage.of(12, 3)));

        HttpResponse<String> res = chat(user, "{\"model\":\"fake/gpt-4o-mini\",\"messages\":[]}");

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        Row usage = awaitUsage(user);
        assertThat(usage.get("request_id")).isEqualTo(res.headers().firstValue("x-gproxy-request-id").orElseThrow());
        assertThat(usage.get("ended")).isEqualTo("complete");
        assertThat(usage.get("usage_source")).isEqualTo("upstream");
        assertThat(usage.longValue("input_tokens")).isEqualTo(12);
        assertThat(usage.longValue("output_tokens")).isEqualTo(3);
        assertThat(usage.longValue("cost")).isEqualTo(12 * INPUT_NANOS + 3 * OUTPUT_NANOS);
        assertThat(costUsed(user)).isEqualTo(usage.longValue("cost"));
    }

    @Test
    void aWholeStreamAsksForUsageBillsItAndHidesTheUsageChunkFromAClientThatDidNotAsk() {
        TestGateway.User user = budgeted();
        upstream.enqueue(FakeResponses.openAiChatStream(List.of("a", "b", "c"), Usage.of(5, 3)));

        HttpResponse<String> res = chat(user, "{\"model\":\"fake/gpt-4o-mini\",\"stream\":true,\"messages\":[]}");

        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.body()).contains("\"content\":\"c\"").doesNotContain("\"choices\":[]")
                .endsWith("data: [DONE]\n\n");
        assertThat(upstream.takeRequest().bodyText()).contains("\"include_usage\":true");
        Row usage = awaitUsage(user);
        assertThat(usage.get("ended")).isEqualTo("complete");
        assertThat(usage.get("usage_source")).isEqualTo("upstream");
        assertThat(usage.longValue("input_tokens")).isEqualTo(5);
        assertThat(usage.longValue("output_tokens")).isEqualTo(3);
        assertThat(usage.longValue("cost")).isEqualTo(5 * INPUT_NANOS + 3 * OUTPUT_NANOS);
        assertThat(costUsed(user)).isEqualTo(usage.longValue("cost"));
    }

    @Test
    void aClientThatAskedForStreamUsageKeepsTheUsageChunk() {
        TestGateway.User user = budgeted();
        upstream.enqueue(FakeResponses.openAiChatStream(List.of("a"), Usage.of(5, 1)));

        HttpResponse<String> res = chat(user, "{\"model\":\"fake/gpt-4o-mini\",\"stream\":true,"
                + "\"stream_options\":{\"include_usage\":true},\"messages\":[]}");

        assertThat(res.body()).contains("\"choices\":[]");
        assertThat(awaitUsage(user).get("ended")).isEqualTo("complete");
    }

    @Test
    void aClientGoneBeforeTheFirstByteSettlesInterruptedAtACountedUsage() throws IOException {
        TestGateway.User user = budgeted();
        upstream.enqueue(FakeResponses.openAiChatStream(deltas(40), Usage.of(9, 40))
                .delayHeaders(Duration.ofMillis(300)).drip(Duration.ofMillis(20)));

        try (RawHttp raw = RawHttp.connect(gw.port())) {
            raw.sendPost("/v1/chat/completions", user.key(), streamBody("say a lot"));
        }

        assertThat(upstream.awaitClientDisconnect(Duration.ofSeconds(10))).isPresent();
        assertInterruptedAndCharged(awaitUsage(user), user);
    }

    @Test
    void aClientThatHangsUpMidStreamSettlesInterrupted() throws IOException {
        TestGateway.User user = budgeted();
        upstream.enqueue(FakeResponses.openAiChatStream(deltas(200), Usage.of(9, 200)).drip(Duration.ofMillis(20)));

        try (RawHttp raw = RawHttp.connect(gw.port())) {
            raw.sendPost("/v1/chat/completions", user.key(), streamBody("say a lot"));
            assertThat(raw.readHead().status()).isEqualTo(200);
            assertThat(raw.readChunk()).isNotEmpty();
        }

        assertThat(upstream.awaitClientDisconnect(Duration.ofSeconds(10))).isPresent();
        Row usage = awaitUsage(user);
        assertInterruptedAndCharged(usage, user);
        assertThat(usage.longValue("output_tokens")).isLessThan(200);
    }

    @Test
    void anUpstreamThatBreaksMidStreamSettlesInterrupted() {
        TestGateway.User user = budgeted();
        upstream.enqueue(FakeResponses.openAiChatStream(deltas(10), Usage.of(9, 10)).disconnectAfterEvents(4));

        HttpResponse<String> res = chat(user, streamBody("hello"));

        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.body()).contains("error");
        Row usage = awaitUsage(user);
        assertInterruptedAndCharged(usage, user);
        assertThat(usage.longValue("output_tokens")).isPositive();
    }

    @Test
    void anUpstreamThatGoesIdleSettlesInterrupted() {
        TestGateway.User user = budgeted();
        upstream.enqueue(FakeResponses.openAiChatStream(deltas(10), Usage.of(9, 10)).stallAfterEvents(3));

        HttpResponse<String> res = chat(user, streamBody("hello"));

        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.body()).contains("error");
        assertInterruptedAndCharged(awaitUsage(user), user);
    }

    @Test
    void aFailoverHopBillsOnlyTheAttemptThatAnswered() {
        TestGateway.User user = budgeted();
        hop.enqueue(FakeResponses.openAiError(500, "boom"));
        hop.enqueue(FakeResponses.openAiChat("second time lucky", Usage.of(7, 4)));

        HttpResponse<String> res = chat(user, "{\"model\":\"hop/gpt-4o-mini\",\"messages\":[]}");

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        RecordedRequest first = hop.takeRequest();
        RecordedRequest second = hop.takeRequest();
        assertThat(first.header("authorization")).isNotEqualTo(second.header("authorization"));
        Row usage = awaitUsage(user);
        long answering = second.header("authorization").orElseThrow().endsWith("sk-hop-b") ? hopSecond : hopSecond - 1;
        assertThat(usage.longValue("credential_id")).isEqualTo(answering);
        assertThat(usage.get("ended")).isEqualTo("complete");
        assertThat(usage.longValue("cost")).isEqualTo(7 * INPUT_NANOS + 4 * OUTPUT_NANOS);
        assertThat(costUsed(user)).isEqualTo(usage.longValue("cost"));
    }

    @Test
    void anExhaustedQuotaIs402AndReachesNoUpstream() {
        TestGateway.User user = gw.user("broke-" + USERS.incrementAndGet());
        gw.adminPost("/admin/quotas", "{\"scope\":\"user\",\"scope_id\":" + user.id() + ",\"quota_total\":\"0.000001\"}");
        int before = upstream.requestCount();

        HttpResponse<String> res = chat(user, "{\"model\":\"fake/gpt-4o-mini\",\"messages\":[]}");

        assertThat(res.statusCode()).as(res.body()).isEqualTo(402);
        assertThat(res.body()).contains("quota_exceeded");
        assertThat(upstream.requestCount()).isEqualTo(before);
        assertThat(usages(user)).isEmpty();
    }

    @Test
    void aRateLimitedRequestIs429WithRetryAfter() {
        TestGateway.User user = budgeted();
        gw.adminPost("/admin/rate-limits", "{\"scope\":\"user\",\"scope_id\":" + user.id() + ",\"rpm\":1}");
        upstream.enqueue(FakeResponses.openAiChat("once", Usage.of(1, 1)));
        assertThat(chat(user, "{\"model\":\"fake/gpt-4o-mini\",\"messages\":[]}").statusCode()).isEqualTo(200);

        HttpResponse<String> res = chat(user, "{\"model\":\"fake/gpt-4o-mini\",\"messages\":[]}");

        assertThat(res.statusCode()).as(res.body()).isEqualTo(429);
        assertThat(Long.parseLong(res.headers().firstValue("retry-after").orElseThrow())).isBetween(1L, 60L);
        assertThat(awaitUsage(user).get("ended")).isEqualTo("complete");
    }

    @Test
    void aCallerWithoutPermissionIs403AndReachesNoUpstream() {
        TestGateway.User user = gw.userWithoutPermission("nobody-" + USERS.incrementAndGet());
        int before = upstream.requestCount();

        HttpResponse<String> res = chat(user, "{\"model\":\"fake/gpt-4o-mini\",\"messages\":[]}");

        assertThat(res.statusCode()).as(res.body()).isEqualTo(403);
        assertThat(res.body()).contains("permission_denied");
        assertThat(upstream.requestCount()).isEqualTo(before);
        assertThat(usages(user)).isEmpty();
    }

    // ---- helpers

    /** A fresh user with a quota of $100, so its spend is recorded in {@code quotas.cost_used}. */
    private static TestGateway.User budgeted() {
        TestGateway.User user = gw.user("payer-" + USERS.incrementAndGet());
        gw.adminPost("/admin/quotas", "{\"scope\":\"user\",\"scope_id\":" + user.id() + ",\"quota_total\":\"100\"}");
        return user;
    }

    private static HttpResponse<String> chat(TestGateway.User user, String body) {
        return gw.post(gw.request("/v1/chat/completions").header("Authorization", "Bearer " + user.key()), body);
    }

    private static String streamBody(String prompt) {
        return "{\"model\":\"fake/gpt-4o-mini\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\""
                + prompt + "\"}]}";
    }

    private static List<String> deltas(int n) {
        List<String> deltas = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            deltas.add("word" + i + " ");
        }
        return deltas;
    }

    private static void assertInterruptedAndCharged(Row usage, TestGateway.User user) {
        assertThat(usage.get("ended")).isEqualTo("interrupted");
        assertThat(usage.get("usage_source")).isEqualTo("counted");
        assertThat(usage.longValue("input_tokens")).isPositive();
        assertThat(usage.longValue("cost")).isEqualTo(usage.longValue("input_tokens") * INPUT_NANOS
                + usage.longValue("output_tokens") * OUTPUT_NANOS);
        assertThat(costUsed(user)).isEqualTo(usage.longValue("cost"));
    }

    private static List<Row> usages(TestGateway.User user) {
        gw.gateway().settlements().flush();
        return gw.gateway().store().list(Schema.USAGES, Query.where("user_id", user.id()));
    }

    /** The user's one usage row, once its settlement ran and the writer wrote it. */
    private static Row awaitUsage(TestGateway.User user) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            List<Row> rows = usages(user);
            if (!rows.isEmpty() && gw.gateway().settlements().openSettlements() == 0) {
                assertThat(rows).hasSize(1);
                return rows.getFirst();
            }
            pause();
        }
        return fail("no usage row for user " + user.id());
    }

    private static void awaitIdle() {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (gw.gateway().settlements().openSettlements() > 0 && System.nanoTime() < deadline) {
            pause();
        }
    }

    private static long costUsed(TestGateway.User user) {
        return gw.gateway().store().list(Schema.QUOTAS, Query.where("scope_id", user.id())).stream()
                .filter(q -> q.text("scope").equals("user")).findFirst().orElseThrow().longValue("cost_used");
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
