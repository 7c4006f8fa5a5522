package gproxy.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import gproxy.testing.FakeResponse;
import gproxy.testing.FakeResponses;
import gproxy.testing.FakeUpstream;
import gproxy.testing.TestGateway;
import gproxy.testing.Usage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code /metrics} after real calls through the gateway: traffic counters, tokens, latency, state gauges. */
class MetricsTest {
    private static FakeUpstream upstream;
    private static TestGateway gw;
    private static TestGateway.User user;

    @BeforeAll
    static void start() {
        upstream = FakeUpstream.start();
        gw = TestGateway.start();
        gw.credential(gw.provider("fake", "openai", upstream.url()), "sk-upstream");
        // the 429 puts its credential in a cooldown: a provider of its own keeps the other tests' one healthy
        gw.credential(gw.provider("limited", "openai", upstream.url()), "sk-limited");
        user = gw.user("metered");
        gw.adminPost("/admin/quotas", "{\"scope\":\"user\",\"scope_id\":" + user.id() + ",\"quota_total\":\"12.5\"}");
        gw.adminPost("/admin/price-rules", "{\"model_match\":\"gpt-4o-mini\",\"input_price\":\"1000\"}");
    }

    @AfterAll
    static void stop() {
        gw.close();
        upstream.close();
    }

    @Test
    void requestsAreCountedByDialectOperationStatusAndProvider() {
        String before = scrape();
        upstream.enqueue(FakeResponses.openAiChat("ok", Usage.of(10, 2)));
        upstream.enqueue(FakeResponse.json(429, "{\"error\":{\"message\":\"slow down\"}}"));

        assertThat(chat().statusCode()).isEqualTo(200);
        assertThat(chat("limited").statusCode()).isEqualTo(429);
        String after = scrape();

        String ok = "gproxy_requests_total{dialect=\"open_ai_chat_completions\",operation=\"generate_content\","
                + "status=\"200\",provider=\"fake\"}";
        String limited = ok.replace("\"200\"", "\"429\"").replace("\"fake\"", "\"limited\"");
        assertThat(value(after, ok) - value(before, ok)).isEqualTo(1);
        assertThat(value(after, limited) - value(before, limited)).isEqualTo(1);
    }

    @Test
    void anUnknownPathCountsWithoutAProviderOrOperation() {
        String before = scrape();

        assertThat(gw.send(gw.request("/v1/nothing-here").header("Authorization", "Bearer " + user.key()))
                .statusCode()).isEqualTo(404);

        String key = "gproxy_requests_total{dialect=\"unknown\",operation=\"unknown\",status=\"404\",provider=\"none\"}";
        assertThat(value(scrape(), key) - value(before, key)).isEqualTo(1);
    }

    @Test
    void settledTokensAndTheUpstreamLatencyHistogramAreExported() {
        String before = scrape();
        upstream.enqueue(FakeResponses.openAiChat("ok", Usage.of(100, 7)));

        assertThat(chat().statusCode()).isEqualTo(200);
        awaitSettled();
        String after = scrape();

        assertThat(value(after, "gproxy_tokens_total{direction=\"input\"}")
                - value(before, "gproxy_tokens_total{direction=\"input\"}")).isEqualTo(100);
        assertThat(value(after, "gproxy_tokens_total{direction=\"output\"}")
                - value(before, "gproxy_tokens_total{direction=\"output\"}")).isEqualTo(7);
        String count = "gproxy_upstream_latency_ms_count{provider=\"fake\"}";
        assertThat(value(after, count) - value(before, count)).isEqualTo(1);
        assertThat(value(after, "gproxy_upstream_latency_ms_bucket{provider=\"fake\",le=\"+Inf\"}"))
                .isEqualTo(value(after, count));
        assertThat(after).contains("# TYPE gproxy_upstream_latency_ms histogram");
    }

    @Test
    void quotaLimitsAndLiveSpendAreGauges() {
        upstream.enqueue(FakeResponses.openAiChat("ok", Usage.of(1000, 0)));
        assertThat(chat().statusCode()).isEqualTo(200);
        awaitSettled();

        String metrics = scrape();

        String labels = "{scope=\"user\",scope_id=\"" + user.id() + "\"}";
        assertThat(metrics).contains("gproxy_quota_total" + labels + " 12.5");
        assertThat(decimal(metrics, "gproxy_quota_used" + labels)).isGreaterThanOrEqualTo(1.0); // 1000 × $1000 / 1M
    }

    @Test
    void aCredentialInARateLimitCooldownLeavesTheHealthyCount() {
        String before = scrape();
        long healthyBefore = value(before, "gproxy_credential_health{health_kind=\"healthy\"}");
        // another test's 429 may already have put a credential in a cooldown: count from here
        long limitedBefore = value(before, "gproxy_credential_health{health_kind=\"rate_limited\"}");
        gw.credential(gw.provider("cooled", "openai", upstream.url()), "sk-cooled");
        assertThat(value(scrape(), "gproxy_credential_health{health_kind=\"healthy\"}")).isEqualTo(healthyBefore + 1);
        upstream.enqueue(FakeResponse.json(429, "{\"error\":{\"message\":\"slow down\"}}"));

        assertThat(chat("cooled").statusCode()).isEqualTo(429);

        long deadline = System.nanoTime() + 10_000_000_000L;
        String metrics = scrape();
        while (value(metrics, "gproxy_credential_health{health_kind=\"rate_limited\"}") <= limitedBefore
                && System.nanoTime() < deadline) {
            pause(); // the health edge is written to the status tables in the background
            metrics = scrape();
        }
        assertThat(value(metrics, "gproxy_credential_health{health_kind=\"rate_limited\"}"))
                .isEqualTo(limitedBefore + 1);
        assertThat(value(metrics, "gproxy_credential_health{health_kind=\"healthy\"}"))
                .isLessThanOrEqualTo(healthyBefore);
    }

    @Test
    void theSettlementQueueDepthIsAGauge() {
        assertThat(gw.gauge("gproxy_settlement_queue_depth")).isGreaterThanOrEqualTo(0);
    }

    private static HttpResponse<String> chat() {
        return chat("fake");
    }

    private static HttpResponse<String> chat(String provider) {
        return gw.post(gw.request("/v1/chat/completions").header("Authorization", "Bearer " + user.key()),
                "{\"model\":\"" + provider + "/gpt-4o-mini\",\"messages\":[]}");
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitSettled() {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (gw.gateway().settlements().openSettlements() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static String scrape() {
        HttpResponse<String> res = gw.send(gw.admin("/metrics"));
        assertThat(res.statusCode()).isEqualTo(200);
        return res.body();
    }

    /** The sample's value, 0 when the series does not exist yet. */
    private static long value(String metrics, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\d+)$").matcher(metrics);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    private static double decimal(String metrics, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " ([0-9.]+)$").matcher(metrics);
        if (!m.find()) {
            throw new AssertionError("no " + series + " in\n" + metrics);
        }
        return Double.parseDouble(m.group(1));
    }
}
