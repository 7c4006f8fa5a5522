package gproxy.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;

import gproxy.testing.FakeResponses;
import gproxy.testing.FakeUpstream;
import gproxy.testing.TestGateway;
import gproxy.testing.Usage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code /admin/usage-summary?group_by=provider,model}: one total per provider and model with the
 * prompt-cache hit rate (cache reads over uncached input + cache reads + cache writes), after real
 * calls to fake upstreams that report cache reads in their own conventions.
 */
class UsageCacheHitRateAdminTest {
    private static FakeUpstream claude;
    private static FakeUpstream openai;
    private static TestGateway gw;
    private static long claudeProvider;
    private static long openaiProvider;
    private static String key;

    @BeforeAll
    static void start() {
        claude = FakeUpstream.start();
        openai = FakeUpstream.start();
        gw = TestGateway.start();
        claudeProvider = gw.provider("anth", "claudeapi", claude.url());
        gw.credential(claudeProvider, "sk-ant");
        openaiProvider = gw.provider("oai", "openai", openai.url());
        gw.credential(openaiProvider, "sk-oai");
        key = gw.userKey("cache-user");
        claude.enqueue(FakeResponses.claudeMessage("a", new Usage(100, 5, 80)));
        claude.enqueue(FakeResponses.claudeMessage("b", new Usage(100, 5, 40)));
        claude.enqueue(FakeResponses.claudeMessage("claude-haiku-4", "c", Usage.of(50, 5)));
        openai.enqueue(FakeResponses.openAiChat("d", new Usage(200, 5, 150)));
        claudeCall("claude-sonnet-4");
        claudeCall("claude-sonnet-4");
        claudeCall("claude-haiku-4");
        HttpResponse<String> res = gw.post(gw.request("/v1/chat/completions").header("Authorization", "Bearer " + key),
                "{\"model\":\"oai/gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
    }

    private static void claudeCall(String model) {
        HttpResponse<String> res = gw.post(gw.request("/v1/messages").header("x-api-key", key)
                .header("anthropic-version", "2023-06-01"), "{\"model\":\"anth/" + model + "\",\"max_tokens\":8,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        gw.close();
        claude.close();
        openai.close();
    }

    private static JsonNode summary(String query) {
        return TestGateway.json(gw.send(gw.admin("/admin/usage-summary?" + query)));
    }

    private static JsonNode group(JsonNode groups, long provider, String model) {
        for (JsonNode g : groups) {
            if (g.path("provider_id").asLong() == provider && (model == null || g.path("model").asText().equals(model))) {
                return g;
            }
        }
        throw new AssertionError("no group " + provider + "/" + model + " in " + groups);
    }

    @Test
    void groupsByProviderAndModelCarryTheirCacheHitRate() {
        JsonNode summary = summary("group_by=provider,model");

        assertThat(summary.path("prompt_tokens").asLong()).isEqualTo(450);
        assertThat(summary.path("cache_hit_rate").asDouble()).isCloseTo(270.0 / 450, within(1e-9));
        JsonNode groups = summary.path("groups");
        assertThat(groups).hasSize(3);
        JsonNode sonnet = group(groups, claudeProvider, "claude-sonnet-4");
        assertThat(sonnet.path("requests").asLong()).isEqualTo(2);
        assertThat(sonnet.path("cache_read_tokens").asLong()).isEqualTo(120);
        assertThat(sonnet.path("prompt_tokens").asLong()).isEqualTo(200);
        assertThat(sonnet.path("cache_hit_rate").asDouble()).isCloseTo(0.6, within(1e-9));
        assertThat(group(groups, claudeProvider, "claude-haiku-4").path("cache_hit_rate").asDouble()).isZero();
        assertThat(group(groups, openaiProvider, "gpt-4o").path("cache_hit_rate").asDouble())
                .isCloseTo(0.75, within(1e-9));
    }

    @Test
    void groupingByProviderAloneFoldsTheModelsTogether() {
        JsonNode groups = summary("group_by=provider").path("groups");
        assertThat(groups).hasSize(2);
        JsonNode anth = group(groups, claudeProvider, null);
        assertThat(anth.has("model")).isFalse();
        assertThat(anth.path("prompt_tokens").asLong()).isEqualTo(250);
        assertThat(anth.path("cache_hit_rate").asDouble()).isCloseTo(120.0 / 250, within(1e-9));
    }

    @Test
    void withoutGroupByTheSummaryHasNoGroupsAndABadDimensionIs400() {
        assertThat(summary("provider_id=" + claudeProvider).has("groups")).isFalse();
        assertThat(gw.send(gw.admin("/admin/usage-summary?group_by=colour")).statusCode()).isEqualTo(400);
    }
}
