package gproxy.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;

import gproxy.testing.FakeResponses;
import gproxy.testing.FakeUpstream;
import gproxy.testing.RecordedRequest;
import gproxy.testing.TestGateway;
import gproxy.testing.Usage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Rule presets through the admin API: the list, a set filled from one, attached, refreshed, used. */
class RulePresetsAdminTest {
    private static FakeUpstream claude;
    private static TestGateway gw;

    @BeforeAll
    static void start() {
        claude = FakeUpstream.start();
        gw = TestGateway.start();
    }

    @AfterAll
    static void stop() {
        gw.close();
        claude.close();
    }

    private static HttpResponse<String> post(String path) {
        return gw.send(gw.admin(path).POST(java.net.http.HttpRequest.BodyPublishers.noBody()));
    }

    @Test
    void thePresetListNamesEachPresetItsSetAndItsRules() {
        JsonNode presets = TestGateway.json(gw.send(gw.admin("/admin/rule-presets")));
        assertThat(presets.findValuesAsText("id")).contains("claude-system-cache", "claude-message-cache", "opencode");
        JsonNode system = presets.get(0);
        assertThat(system.path("rule_set_name").asText()).isEqualTo("claude-system-cache compatibility");
        assertThat(system.path("rules").get(0).path("kind").asText()).isEqualTo("cache_breakpoint");
        assertThat(system.path("rules").get(0).path("config_json").path("ttl").asText()).isEqualTo("1h");
    }

    @Test
    void applyingAPresetToAProviderCreatesTheSetAttachesItAndShapesTheNextRequest() {
        long provider = gw.provider("anth", "claudeapi", claude.url());
        gw.credential(provider, "sk-ant-1");
        long other = gw.adminPost("/admin/rule-sets", "{\"name\":\"house\"}").path("id").asLong();
        gw.adminPost("/admin/providers/" + provider + "/rule-sets", "{\"rule_set_id\":" + other + ",\"sort_order\":3}");

        HttpResponse<String> applied = post("/admin/providers/" + provider + "/rule-presets/claude-system-cache");

        assertThat(applied.statusCode()).as(applied.body()).isEqualTo(200);
        JsonNode body = TestGateway.json(applied);
        long set = body.at("/rule_set/id").asLong();
        assertThat(body.at("/rule_set/name").asText()).isEqualTo("claude-system-cache compatibility");
        assertThat(body.path("rules")).hasSize(2);
        assertThat(body.at("/attachment/rule_set_id").asLong()).isEqualTo(set);
        assertThat(body.at("/attachment/sort_order").asLong()).isEqualTo(4);

        claude.enqueue(FakeResponses.claudeMessage("hi", Usage.of(10, 2)));
        String key = gw.userKey("preset-user");
        HttpResponse<String> res = gw.post(gw.request("/v1/messages").header("x-api-key", key)
                .header("anthropic-version", "2023-06-01"), "{\"model\":\"anth/claude-sonnet-4\",\"max_tokens\":16,"
                + "\"system\":\"Long agent instructions.\",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}");
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        RecordedRequest sent = claude.takeRequest();
        assertThat(sent.bodyJson().at("/system/0/cache_control/ttl").asText()).isEqualTo("1h");
        assertThat(sent.header("anthropic-beta")).contains("extended-cache-ttl-2025-04-11");
    }

    @Test
    void applyingAgainRefreshesTheSameSetWithoutDuplicatingRulesOrAttachments() {
        long provider = gw.provider("again", "claudeapi", claude.url());
        JsonNode first = TestGateway.json(post("/admin/providers/" + provider + "/rule-presets/claude-message-cache"));
        long set = first.at("/rule_set/id").asLong();
        long rule = first.at("/rules/0/id").asLong();
        gw.adminPost("/admin/rule-sets/" + set + "/rules", "{\"kind\":\"system_text\",\"config_json\":{\"text\":\"x\"}}");

        JsonNode second = TestGateway.json(post("/admin/providers/" + provider + "/rule-presets/claude-message-cache"));

        assertThat(second.at("/rule_set/id").asLong()).isEqualTo(set);
        assertThat(second.at("/attachment/id").asLong()).isEqualTo(first.at("/attachment/id").asLong());
        JsonNode rules = TestGateway.json(gw.send(gw.admin("/admin/rule-sets/" + set + "/rules")));
        assertThat(rules).hasSize(1);
        assertThat(rules.get(0).path("id").asLong()).isNotEqualTo(rule);
        assertThat(TestGateway.json(gw.send(gw.admin("/admin/providers/" + provider + "/rule-sets")))).hasSize(1);
    }

    @Test
    void aPresetCanFillASetWithoutAttachingIt() {
        HttpResponse<String> res = post("/admin/rule-presets/opencode");
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        JsonNode body = TestGateway.json(res);
        assertThat(body.has("attachment")).isFalse();
        assertThat(body.path("rules").get(0).path("filter_header_pattern").asText())
                .isEqualTo("^user-agent: opencode/");
    }

    @Test
    void anUnknownPresetOrProviderIs404() {
        assertThat(post("/admin/rule-presets/aider").statusCode()).isEqualTo(404);
        assertThat(post("/admin/providers/999999/rule-presets/opencode").statusCode()).isEqualTo(404);
    }
}
