package gproxy.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;

import gproxy.testing.FakeResponse;
import gproxy.testing.FakeResponses;
import gproxy.testing.FakeUpstream;
import gproxy.testing.TestClock;
import gproxy.testing.TestGateway;
import gproxy.testing.Usage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Failover across route members and credentials, cooldowns and breakers (features §5.3–5.6), with
 * two fake upstreams as two providers of one route: {@code first} at tier 0, {@code second} at
 * tier 1. Each test builds its own providers, so health state never leaks between tests; the
 * gateway's clock is a {@link TestClock}, so cooldowns end without waiting.
 */
class FailoverTest {
    private static final int MAX_ATTEMPTS = 3;
    private static final AtomicInteger NAMES = new AtomicInteger();
    private static final TestClock CLOCK = new TestClock();
    private static TestGateway gw;
    private static String key;

    private FakeUpstream first;
    private FakeUpstream second;

    @BeforeAll
    static void startGateway() {
        gw = TestGateway.start(s -> s.withMaxAttempts(MAX_ATTEMPTS), CLOCK);
        key = gw.userKey("failover-user");
    }

    @AfterAll
    static void stopGateway() {
        gw.close();
    }

    @BeforeEach
    void startUpstreams() {
        first = FakeUpstream.start();
        second = FakeUpstream.start();
    }

    @AfterEach
    void stopUpstreams() {
        Leaks.assertNoneInFlight(gw, first, second);
        first.close();
        second.close();
    }

    /** A failover route over two fresh providers of {@code channel}; returns the route's name. */
    private static String route(String channel, URI firstUrl, URI secondUrl) {
        String name = "route-" + NAMES.incrementAndGet();
        long a = gw.provider(name + "-a", channel, firstUrl);
        gw.credential(a, "sk-" + name + "-a");
        long b = gw.provider(name + "-b", channel, secondUrl);
        gw.credential(b, "sk-" + name + "-b");
        long route = gw.route(name, "failover", "{}");
        gw.routeMember(route, a, "up-model", 0, 100);
        gw.routeMember(route, b, "up-model", 1, 100);
        return name;
    }

    private String route() {
        return route("openai", first.url(), second.url());
    }

    private static HttpResponse<String> chat(String model) {
        return gw.post(gw.request("/v1/chat/completions").header("Authorization", "Bearer " + key),
                "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    }

    private static FakeResponse ok(String text) {
        return FakeResponses.openAiChat("up-model", text, Usage.of(2, 1));
    }

    private static String text(HttpResponse<String> res) {
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        return TestGateway.json(res).at("/choices/0/message/content").asText();
    }

    @Test
    void aServerErrorFromTheFirstMemberFailsOverToTheSecond() {
        String route = route();
        first.enqueue(FakeResponses.openAiError(500, "boom"));
        second.enqueue(ok("from second"));

        assertThat(text(chat(route))).isEqualTo("from second");
        assertThat(first.requestCount()).isEqualTo(1);
        assertThat(second.requestCount()).isEqualTo(1);
        assertThat(second.takeRequest().bodyJson().path("model").asText()).isEqualTo("up-model");
    }

    @Test
    void aRateLimitFailsOverAndCoolsTheMemberForItsRetryAfter() {
        String route = route();
        first.enqueue(FakeResponses.openAiError(429, "slow down").retryAfter(60));
        second.enqueue(ok("one")).enqueue(ok("two"));
        first.enqueue(ok("first is back"));

        assertThat(text(chat(route))).isEqualTo("one");
        assertThat(text(chat(route))).as("cooled: straight to the second").isEqualTo("two");
        assertThat(first.requestCount()).isEqualTo(1);

        CLOCK.advance(Duration.ofSeconds(61));
        assertThat(text(chat(route))).isEqualTo("first is back");
    }

    @Test
    void anAuthFailureCoolsTheCredentialForTenMinutes() {
        String route = route();
        first.enqueue(FakeResponses.openAiError(401, "bad key"));
        second.enqueue(ok("one")).enqueue(ok("two"));
        first.enqueue(ok("first is back"));

        assertThat(text(chat(route))).isEqualTo("one");
        CLOCK.advance(Duration.ofSeconds(590));
        assertThat(text(chat(route))).as("still cooled after 590 s").isEqualTo("two");
        assertThat(first.requestCount()).isEqualTo(1);

        CLOCK.advance(Duration.ofSeconds(11));
        assertThat(text(chat(route))).isEqualTo("first is back");
    }

    @Test
    void aPlainClientErrorIsTheClientsAnswerWithoutFailover() {
        String route = route();
        String upstreamBody = "{\"error\":{\"message\":\"temperature  must be <= 2 \\u00e9\",\"type\":"
                + "\"invalid_request_error\",\"param\":\"temperature\",\"code\":null}}";
        first.enqueue(FakeResponse.json(400, upstreamBody).header("x-upstream-note", "kept"));

        HttpResponse<String> res = chat(route);

        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(res.body()).isEqualTo(upstreamBody);
        assertThat(res.headers().firstValue("x-upstream-note")).contains("kept");
        assertThat(res.headers().firstValue("x-gproxy-request-id")).isPresent();
        assertThat(second.requestCount()).isZero();
    }

    @Test
    void aRefusedConnectionIsTransientAndFailsOver() {
        String route = route("openai", FakeUpstream.refusedUrl(), second.url());
        second.enqueue(ok("after refusal"));

        assertThat(text(chat(route))).isEqualTo("after refusal");
    }

    @Test
    void fiveServerErrorsInARowOpenTheMemberBreakerAndAHalfOpenBreakerAdmitsOneProbe() throws Exception {
        String route = route();
        first.dispatcher(r -> FakeResponses.openAiError(503, "down"));
        second.dispatcher(r -> ok("second"));
        for (int i = 0; i < 5; i++) {
            assertThat(text(chat(route))).isEqualTo("second");
        }
        assertThat(first.requestCount()).isEqualTo(5);

        assertThat(text(chat(route))).isEqualTo("second");
        assertThat(first.requestCount()).as("open: the sixth never reached the first").isEqualTo(5);

        CountDownLatch probeArrived = new CountDownLatch(1);
        CountDownLatch releaseProbe = new CountDownLatch(1);
        first.dispatcher(r -> {
            probeArrived.countDown();
            await(releaseProbe);
            return ok("probe");
        });
        CLOCK.advance(Duration.ofSeconds(31));
        CompletableFuture<HttpResponse<String>> probe = CompletableFuture.supplyAsync(() -> chat(route));
        assertThat(probeArrived.await(10, TimeUnit.SECONDS)).as("the probe reached the first").isTrue();

        assertThat(text(chat(route))).as("while the probe is out").isEqualTo("second");
        assertThat(first.requestCount()).isEqualTo(6);

        releaseProbe.countDown();
        assertThat(text(probe.get(10, TimeUnit.SECONDS))).isEqualTo("probe");
        first.dispatcher(r -> ok("closed again"));
        assertThat(text(chat(route))).isEqualTo("closed again");
    }

    @Test
    void whenEveryCandidateFailsTheClientGets502AllAttemptsFailedInItsDialect() {
        String route = route();
        first.enqueue(FakeResponses.openAiError(500, "a"));
        second.enqueue(FakeResponses.openAiError(502, "b"));

        HttpResponse<String> res = chat(route);

        assertThat(res.statusCode()).isEqualTo(502);
        JsonNode error = TestGateway.json(res).path("error");
        assertThat(error.path("code").asText()).isEqualTo("all_attempts_failed");
        assertThat(error.path("type").asText()).isEqualTo("server_error");
    }

    @Test
    void whenEveryClaudeCandidateFailsTheClientGets502InTheAnthropicEnvelope() {
        String route = route("claudeapi", first.url(), second.url());
        first.enqueue(FakeResponses.claudeError(529, "overloaded"));
        second.enqueue(FakeResponses.claudeError(500, "internal"));

        HttpResponse<String> res = gw.post(gw.request("/v1/messages").header("x-api-key", key)
                .header("anthropic-version", "2023-06-01"), "{\"model\":\"" + route + "\",\"max_tokens\":8,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

        assertThat(res.statusCode()).isEqualTo(502);
        JsonNode body = TestGateway.json(res);
        assertThat(body.path("type").asText()).isEqualTo("error");
        assertThat(body.at("/error/type").asText()).isEqualTo("api_error");
        assertThat(body.at("/error/code").asText()).isEqualTo("all_attempts_failed");
        assertThat(first.requestCount() + second.requestCount()).isEqualTo(2);
    }

    @Test
    void aFinalRateLimitIsReturnedAsItIsWithItsRetryAfter() {
        String route = route();
        first.enqueue(FakeResponses.openAiError(429, "a").retryAfter(5));
        second.enqueue(FakeResponses.openAiError(429, "b").retryAfter(7));

        HttpResponse<String> res = chat(route);

        assertThat(res.statusCode()).isEqualTo(429);
        assertThat(res.headers().firstValue("retry-after")).contains("7");
        assertThat(TestGateway.json(res).at("/error/message").asText()).isEqualTo("b");
    }

    @Test
    void theAttemptCapHoldsHoweverManyCandidatesThereAre() {
        String name = "capped-" + NAMES.incrementAndGet();
        long provider = gw.provider(name, "openai", first.url());
        for (int i = 0; i < MAX_ATTEMPTS + 2; i++) {
            gw.credential(provider, "sk-" + name + "-" + i);
        }
        first.dispatcher(r -> FakeResponses.openAiError(500, "always"));

        HttpResponse<String> res = chat(name + "/up-model");

        assertThat(res.statusCode()).isEqualTo(502);
        assertThat(first.requestCount()).isEqualTo(MAX_ATTEMPTS);
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < MAX_ATTEMPTS; i++) {
            keys.add(first.takeRequest().header("authorization").orElseThrow());
        }
        assertThat(keys).as("each attempt used another credential").doesNotHaveDuplicates();
    }

    @Test
    void aRoundRobinRouteTakesItsLowestTierMembersInTurn() {
        String name = "rr-route-" + NAMES.incrementAndGet();
        long a = gw.provider(name + "-a", "openai", first.url());
        gw.credential(a, "sk-" + name + "-a");
        long b = gw.provider(name + "-b", "openai", second.url());
        gw.credential(b, "sk-" + name + "-b");
        long route = gw.route(name, "round_robin", "{}");
        gw.routeMember(route, a, "up-model", 0, 100);
        gw.routeMember(route, b, "up-model", 0, 100);
        first.dispatcher(r -> ok("first"));
        second.dispatcher(r -> ok("second"));

        List<String> answers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            answers.add(text(chat(name)));
        }

        assertThat(answers.subList(0, 2)).containsExactlyInAnyOrder("first", "second");
        assertThat(answers.subList(2, 4)).isEqualTo(answers.subList(0, 2));
    }

    @Test
    void twoCredentialsOfOneProviderTakeTurns() {
        String name = "rr-" + NAMES.incrementAndGet();
        long provider = gw.provider(name, "openai", first.url());
        gw.credential(provider, "sk-rr-1");
        gw.credential(provider, "sk-rr-2");
        first.dispatcher(r -> ok("ok"));

        List<String> used = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            text(chat(name + "/up-model"));
            used.add(first.takeRequest().header("authorization").orElseThrow());
        }

        assertThat(used.subList(0, 2)).containsExactlyInAnyOrder("Bearer sk-rr-1", "Bearer sk-rr-2");
        assertThat(used.subList(2, 4)).isEqualTo(used.subList(0, 2));
    }

    @Test
    void aStickyProviderKeepsEachUsersKeyOnOneCredential() {
        String name = "sticky-" + NAMES.incrementAndGet();
        long provider = gw.provider(name, "openai", first.url(), "{\"credential_strategy\":\"sticky\"}");
        gw.credential(provider, "sk-sticky-1");
        gw.credential(provider, "sk-sticky-2");
        first.dispatcher(r -> ok("ok"));
        String other = gw.userKey("sticky-other-" + name);

        for (String user : List.of(key, other)) {
            List<String> used = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> res = gw.post(gw.request("/v1/chat/completions")
                        .header("Authorization", "Bearer " + user), "{\"model\":\"" + name + "/up-model\"}");
                assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
                used.add(first.takeRequest().header("authorization").orElseThrow());
            }
            assertThat(used).as("one credential for one user key").containsOnly(used.get(0));
        }
    }

    @Test
    void aCredentialOverItsMinuteBudgetIsSkippedAndServesAgainTheNextMinute() {
        String name = "budget-" + NAMES.incrementAndGet();
        long a = gw.provider(name + "-a", "openai", first.url());
        HttpResponse<String> credential = gw.post(gw.admin("/admin/providers/" + a + "/credentials"),
                "{\"name\":\"limited\",\"secret_json\":{\"api_key\":\"sk-limited\"},\"rpm_limit\":1}");
        assertThat(credential.statusCode()).as(credential.body()).isEqualTo(200);
        long b = gw.provider(name + "-b", "openai", second.url());
        gw.credential(b, "sk-" + name + "-b");
        long route = gw.route(name, "failover", "{}");
        gw.routeMember(route, a, "up-model", 0, 100);
        gw.routeMember(route, b, "up-model", 1, 100);
        first.dispatcher(r -> ok("first"));
        second.dispatcher(r -> ok("second"));

        assertThat(text(chat(name))).isEqualTo("first");
        assertThat(text(chat(name))).as("budget spent: skipped").isEqualTo("second");
        assertThat(first.requestCount()).isEqualTo(1);

        CLOCK.advance(Duration.ofSeconds(61));
        assertThat(text(chat(name))).as("a new minute, and no breaker was charged").isEqualTo("first");
    }

    @Test
    void aKeptAliveConnectionTheUpstreamHadClosedIsRetriedOnAFreshOneWithoutFailingOver() {
        String route = route();
        first.dispatcher(r -> r.sequence() == 1 ? FakeResponse.closeWithoutResponse() : ok("fresh"));

        assertThat(text(chat(route))).isEqualTo("fresh");
        assertThat(text(chat(route))).isEqualTo("fresh");

        assertThat(second.requestCount()).isZero();
        List<Integer> connections = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            connections.add(first.takeRequest().connection());
        }
        assertThat(connections).as("reused, closed under it, then a new one").containsExactly(0, 0, 1);
    }

    @Test
    void anUpstreamThatKeepsClosingWithoutAnAnswerIsRetriedOnceThenFailedOver() {
        String route = route();
        first.dispatcher(r -> FakeResponse.closeWithoutResponse());
        second.enqueue(ok("second"));

        assertThat(text(chat(route))).isEqualTo("second");
        assertThat(first.requestCount()).isEqualTo(2);
    }

    @Test
    void disabledMembersCredentialsAndProvidersAreLeftOutAtOnce() {
        String name = "toggle-" + NAMES.incrementAndGet();
        long a = gw.provider(name + "-a", "openai", first.url());
        long aKey = gw.credential(a, "sk-" + name + "-a");
        long b = gw.provider(name + "-b", "openai", second.url());
        gw.credential(b, "sk-" + name + "-b");
        long route = gw.route(name, "failover", "{}");
        long aMember = gw.routeMember(route, a, "up-model", 0, 100);
        gw.routeMember(route, b, "up-model", 1, 100);
        first.dispatcher(r -> ok("first"));
        second.dispatcher(r -> ok("second"));
        assertThat(text(chat(name))).isEqualTo("first");

        disable("/admin/routes/" + route + "/members", aMember);
        assertThat(text(chat(name))).as("member disabled").isEqualTo("second");
        enable("/admin/routes/" + route + "/members", aMember);
        assertThat(text(chat(name))).as("member enabled again").isEqualTo("first");

        disable("/admin/providers/" + a + "/credentials", aKey);
        assertThat(text(chat(name))).as("its only credential disabled").isEqualTo("second");
        enable("/admin/providers/" + a + "/credentials", aKey);

        disable("/admin/providers", a);
        assertThat(text(chat(name))).as("provider disabled").isEqualTo("second");
        assertThat(chat(name + "-a/up-model").statusCode()).isEqualTo(404);
        assertThat(first.requestCount()).isEqualTo(2);
    }

    private static void disable(String collection, long id) {
        toggle(collection, id, false);
    }

    private static void enable(String collection, long id) {
        toggle(collection, id, true);
    }

    private static void toggle(String collection, long id, boolean enabled) {
        HttpResponse<String> res = gw.post(gw.admin(collection), "{\"id\":" + id + ",\"enabled\":" + enabled + "}");
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("latch never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
