package gproxy.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import gproxy.store.Query;
import gproxy.store.Row;
import gproxy.store.Schema;
import gproxy.testing.FakeResponse;
import gproxy.testing.FakeUpstream;
import gproxy.testing.RecordedRequest;
import gproxy.testing.TestGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The counting ladder's upstream rung through the whole gateway (reference §8): an answer without
 * usage is counted by the answering provider's count-tokens endpoint with the same credential, at
 * most four counts at once; a count that fails or times out falls to the estimate.
 */
class UpstreamCountTokensTest {
    private static final String ANSWER_TEXT = "hello from upstream";
    private static final String GEMINI_ANSWER = "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\""
            + ANSWER_TEXT + "\"}]},\"finishReason\":\"STOP\"}]}";
    private static final String CLAUDE_ANSWER = "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\","
            + "\"model\":\"claude-sonnet-4-5\",\"content\":[{\"type\":\"text\",\"text\":\"" + ANSWER_TEXT + "\"}],"
            + "\"stop_reason\":\"end_turn\"}";
    private static final AtomicInteger USERS = new AtomicInteger();

    private static FakeUpstream upstream;
    private static TestGateway gw;
    private static final List<RecordedRequest> counts = java.util.Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void start() {
        upstream = FakeUpstream.start();
        gw = TestGateway.start();
        gw.credential(gw.provider("gem", "aistudio", upstream.url()), "AIza-counting");
        gw.credential(gw.provider("cl", "claudeapi", upstream.url()), "sk-ant-counting");
    }

    @AfterEach
    void nothingIsLeftInFlight() {
        upstream.releaseStalls();
        Leaks.assertNoneInFlight(gw, upstream);
        counts.clear();
    }

    @AfterAll
    static void stop() {
        gw.close();
        upstream.close();
    }

    @Test
    void aGeminiAnswerWithoutUsageIsCountedAtCountTokensWithTheSameCredential() {
        upstream.dispatcher(answering(GEMINI_ANSWER, r -> FakeResponse.json("{\"totalTokens\":"
                + (r.bodyText().contains(ANSWER_TEXT) ? 7 : 42) + "}")));
        TestGateway.User user = gw.user("gemini-counted-" + USERS.incrementAndGet());

        assertThat(gemini(user).statusCode()).isEqualTo(200);

        Row usage = usage(user);
        assertThat(usage.get("usage_source")).isEqualTo("counted");
        assertThat(usage.longValue("input_tokens")).isEqualTo(42);
        assertThat(usage.longValue("output_tokens")).isEqualTo(7);
        assertThat(counts).hasSize(2).allSatisfy(c -> {
            assertThat(c.path()).isEqualTo("/v1beta/models/gemini-2.5-flash:countTokens");
            assertThat(c.header("x-goog-api-key")).contains("AIza-counting");
            assertThat(c.bodyJson().path("generateContentRequest").path("model").asText())
                    .isEqualTo("models/gemini-2.5-flash");
        });
        assertThat(counts.get(0).bodyText()).contains("count me please");
    }

    @Test
    void aClaudeAnswerWithoutUsageIsCountedAtMessagesCountTokens() {
        upstream.dispatcher(answering(CLAUDE_ANSWER, r -> FakeResponse.json("{\"input_tokens\":"
                + (r.bodyText().contains(ANSWER_TEXT) ? 9 : 30) + "}")));
        TestGateway.User user = gw.user("claude-counted-" + USERS.incrementAndGet());

        HttpResponse<String> res = gw.post(gw.request("/v1/messages").header("x-api-key", user.key())
                .header("anthropic-version", "2023-06-01"), "{\"model\":\"cl/claude-sonnet-4-5\",\"max_tokens\":64,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"count me please\"}]}");

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        Row usage = usage(user);
        assertThat(usage.get("usage_source")).isEqualTo("counted");
        assertThat(usage.longValue("input_tokens")).isEqualTo(30);
        assertThat(usage.longValue("output_tokens")).isEqualTo(9);
        assertThat(counts).hasSize(2).allSatisfy(c -> {
            assertThat(c.path()).isEqualTo("/v1/messages/count_tokens");
            assertThat(c.header("x-api-key")).contains("sk-ant-counting");
            assertThat(c.bodyJson().has("max_tokens")).as("count_tokens refuses generation fields").isFalse();
            assertThat(c.bodyJson().path("model").asText()).isEqualTo("claude-sonnet-4-5");
        });
    }

    @Test
    void theClientsAnswerEndsBeforeASlowCountReturnsAndTheUsageRowThenCarriesTheCount() throws Exception {
        CountDownLatch asked = new CountDownLatch(1);
        CountDownLatch answer = new CountDownLatch(1);
        upstream.dispatcher(answering(GEMINI_ANSWER, r -> {
            asked.countDown();
            try {
                answer.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return FakeResponse.json("{\"totalTokens\":" + (r.bodyText().contains(ANSWER_TEXT) ? 7 : 42) + "}");
        }));
        TestGateway.User user = gw.user("slow-counted-" + USERS.incrementAndGet());
        try {
            HttpResponse<String> res = gemini(user);

            assertThat(res.statusCode()).isEqualTo(200);
            assertThat(res.body()).contains(ANSWER_TEXT);
            assertThat(asked.await(5, TimeUnit.SECONDS)).as("the count was asked for").isTrue();
            assertThat(counts).as("and has not answered").hasSize(1);
            assertThat(gw.gateway().settlements().openSettlements()).as("still settling, off the request").isOne();
            // the scrape is the one exchange in flight: the request's thread is not held by the count
            assertThat(gw.gauge("gproxy_in_flight_exchanges")).isOne();
            assertThat(gw.gateway().store().list(Schema.USAGES, Query.where("user_id", user.id()))).isEmpty();
        } finally {
            answer.countDown();
        }

        Row usage = usage(user);
        assertThat(usage.get("usage_source")).isEqualTo("counted");
        assertThat(usage.longValue("input_tokens")).isEqualTo(42);
        assertThat(usage.longValue("output_tokens")).isEqualTo(7);
        assertThat(gw.gateway().settlements().openSettlements()).isZero();
        assertThat(gw.gateway().accessControl().openReservations()).isZero();
    }

    @Test
    void aCountTheUpstreamRefusesFallsToTheEstimate() {
        upstream.dispatcher(answering(GEMINI_ANSWER, r -> FakeResponse.json(400, "{\"error\":{\"code\":400}}")));
        TestGateway.User user = gw.user("refused-count-" + USERS.incrementAndGet());

        assertThat(gemini(user).statusCode()).isEqualTo(200);

        Row usage = usage(user);
        assertThat(usage.get("usage_source")).isEqualTo("estimated");
        assertThat(usage.longValue("output_tokens")).isEqualTo((ANSWER_TEXT.length() + 1) / 2);
    }

    @Test
    void aCountThatDoesNotFinishInFiveSecondsFallsToTheEstimate() {
        upstream.dispatcher(answering(GEMINI_ANSWER, r -> FakeResponse.json("{\"totalTokens\":1}").stallAfterHeaders()));
        TestGateway.User user = gw.user("slow-count-" + USERS.incrementAndGet());
        long started = System.nanoTime();

        assertThat(gemini(user).statusCode()).isEqualTo(200);

        Row usage = usage(user);
        assertThat(usage.get("usage_source")).isEqualTo("estimated");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(4_500),
                Duration.ofSeconds(9));
    }

    @Test
    void atMostFourCountsRunAtOnce() throws Exception {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        upstream.dispatcher(answering(GEMINI_ANSWER, r -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                running.decrementAndGet();
            }
            return FakeResponse.json("{\"totalTokens\":5}");
        }));
        List<TestGateway.User> users = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            users.add(gw.user("crowd-" + USERS.incrementAndGet()));
        }

        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Integer>> calls = new ArrayList<>();
            users.forEach(u -> calls.add(pool.submit(() -> gemini(u).statusCode())));
            for (Future<Integer> call : calls) {
                assertThat(call.get()).isEqualTo(200);
            }
        }

        for (TestGateway.User u : users) {
            assertThat(usage(u).get("usage_source")).isEqualTo("counted");
        }
        assertThat(most.get()).isEqualTo(4);
    }

    /** Generation requests get {@code answer}; count requests are recorded and get {@code count}. */
    private static Function<RecordedRequest, FakeResponse> answering(String answer,
                                                                     Function<RecordedRequest, FakeResponse> count) {
        return r -> {
            if (r.path().endsWith(":countTokens") || r.path().endsWith("/count_tokens")) {
                counts.add(r);
                return count.apply(r);
            }
            return FakeResponse.json(answer);
        };
    }

    private static HttpResponse<String> gemini(TestGateway.User user) {
        return gw.post(gw.request("/v1beta/models/gem/gemini-2.5-flash:generateContent").header("x-goog-api-key",
                user.key()), "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"count me please\"}]}]}");
    }

    private static Row usage(TestGateway.User user) {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (System.nanoTime() < deadline) {
            gw.gateway().settlements().flush();
            List<Row> rows = gw.gateway().store().list(Schema.USAGES, Query.where("user_id", user.id()));
            if (!rows.isEmpty()) {
                assertThat(rows).hasSize(1);
                return rows.getFirst();
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("no usage row for user " + user.id());
    }
}
