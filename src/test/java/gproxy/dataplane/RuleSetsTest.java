package gproxy.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import gproxy.json.Json;
import gproxy.testing.FakeResponses;
import gproxy.testing.FakeUpstream;
import gproxy.testing.RecordedRequest;
import gproxy.testing.TestGateway;
import gproxy.testing.Usage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Rule sets attached through the admin API shape what reaches the upstream, after conversion, and
 * apply from the next request on without a restart (features §7).
 */
class RuleSetsTest {
    private static FakeUpstream claude;
    private static FakeUpstream openai;
    private static TestGateway gw;
    private static String key;
    private static long claudeProvider;

    @BeforeAll
    static void start() {
        claude = FakeUpstream.start();
        openai = FakeUpstream.start();
        gw = TestGateway.start();
        claudeProvider = gw.provider("anth", "claudeapi", claude.url(), "{\"settings_json\":{\"base_url\":\""
                + claude.url() + "\",\"enable_magic_cache\":true}}");
        gw.credential(claudeProvider, "sk-ant-1");
        long openaiProvider = gw.provider("oai", "openai", openai.url());
        gw.credential(openaiProvider, "sk-oai-1");
        key = gw.userKey("alice");

        long set = gw.adminPost("/admin/rule-sets", "{\"name\":\"house\"}").path("id").asLong();
        rule(set, "system_text", "{\"text\":\"Answer in English.\",\"position\":\"append\"}", 1, "");
        rule(set, "cache_breakpoint", "{\"target\":\"system\",\"ttl\":\"1h\"}", 2, "");
        rule(set, "header", "{\"name\":\"anthropic-beta\",\"value\":\"extended-cache-ttl-2025-04-11\","
                + "\"mode\":\"merge\"}", 3, "");
        rule(set, "rewrite", "{\"path\":\"metadata.user_id\",\"value_json\":\"tenant-7\"}", 4,
                ",\"filter_header_pattern\":\"^user-agent: opencode/\"");
        rule(set, "transform", "{\"phase\":\"response\",\"locate\":{\"path\":\"delta.text\"},"
                + "\"actions\":[{\"op\":\"replace_text\",\"from\":\"Claude\",\"with\":\"the assistant\"}]}", 5, "");
        rule(set, "transform", "{\"phase\":\"response\",\"locate\":{\"path\":\"content.*.text\"},"
                + "\"actions\":[{\"op\":\"replace_regex\",\"pattern\":\"Claude\",\"with\":\"the assistant\"}]}", 6, "");
        gw.adminPost("/admin/providers/" + claudeProvider + "/rule-sets", "{\"rule_set_id\":" + set + "}");
    }

    private static void rule(long set, String kind, String config, int order, String filters) {
        gw.adminPost("/admin/rule-sets/" + set + "/rules", "{\"kind\":\"" + kind + "\",\"config_json\":" + config
                + ",\"sort_order\":" + order + filters + "}");
    }

    @AfterAll
    static void stop() {
        gw.close();
        claude.close();
        openai.close();
    }

    private static HttpResponse<String> messages(String body, String userAgent) {
        return gw.post(gw.request("/v1/messages").header("x-api-key", key).header("anthropic-version", "2023-06-01")
                .header("User-Agent", userAgent), body);
    }

    @Test
    void attachedRulesShapeTheClaudeRequestAndTheirHeader() {
        claude.enqueue(FakeResponses.claudeMessage("hi", Usage.of(10, 2)));
        HttpResponse<String> res = messages("{\"model\":\"anth/claude-sonnet-4\",\"max_tokens\":16,"
                + "\"system\":\"You help.\",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}", "curl/8");

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        RecordedRequest sent = claude.takeRequest();
        JsonNode body = Json.parse(sent.bodyText());
        assertThat(Json.text(body.get("system"))).isEqualTo("[{\"type\":\"text\",\"text\":\"You help.\\n\\n"
                + "Answer in English.\",\"cache_control\":{\"type\":\"ephemeral\",\"ttl\":\"1h\"}}]");
        assertThat(body.has("metadata")).as("the header filter did not match curl").isFalse();
        assertThat(sent.header("anthropic-beta")).contains("extended-cache-ttl-2025-04-11");
        assertThat(sent.header("x-api-key")).contains("sk-ant-1");
    }

    @Test
    void aHeaderFilteredRuleAppliesOnlyToTheMatchingClient() {
        claude.enqueue(FakeResponses.claudeMessage("hi", Usage.of(10, 2)));
        messages("{\"model\":\"anth/claude-sonnet-4\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\","
                + "\"content\":\"hello\"}]}", "opencode/0.9");
        assertThat(Json.parse(claude.takeRequest().bodyText()).at("/metadata/user_id").asText()).isEqualTo("tenant-7");
    }

    @Test
    void rulesSeeTheUpstreamShapeWhenTheClientSpeaksAnotherDialect() {
        claude.enqueue(FakeResponses.claudeMessage("hi", Usage.of(10, 2)));
        HttpResponse<String> res = gw.post(gw.request("/v1/chat/completions").header("Authorization", "Bearer " + key),
                "{\"model\":\"anth/claude-sonnet-4\",\"messages\":[{\"role\":\"system\",\"content\":\"Be kind.\"},"
                        + "{\"role\":\"user\",\"content\":\"hello\"}]}");

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        JsonNode body = Json.parse(claude.takeRequest().bodyText());
        assertThat(body.at("/system/0/text").asText()).isEqualTo("Be kind.\n\nAnswer in English.");
        assertThat(body.at("/system/0/cache_control/ttl").asText()).isEqualTo("1h");
    }

    @Test
    void magicStringsOfAnEnabledProviderBecomeMarkers() {
        claude.enqueue(FakeResponses.claudeMessage("hi", Usage.of(10, 2)));
        String trigger = "GPROXY_MAGIC_STRING_TRIGGER_CACHING_CREATE_49VA1S5V19GR4G89W2V695G9W9GV52W95V198WV5W2FC9DF";
        messages("{\"model\":\"anth/claude-sonnet-4\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\","
                + "\"content\":\"long context" + trigger + "\"}]}", "curl/8");
        JsonNode body = Json.parse(claude.takeRequest().bodyText());
        assertThat(Json.text(body.at("/messages/0/content"))).isEqualTo("[{\"type\":\"text\",\"text\":\"long context\","
                + "\"cache_control\":{\"type\":\"ephemeral\",\"ttl\":\"5m\"}}]");
    }

    @Test
    void aProviderWithoutAttachmentsGetsTheClientsBytesUnchanged() {
        openai.enqueue(FakeResponses.openAiChat("ok", Usage.of(3, 1)));
        String body = "{\"model\":\"oai/gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        gw.post(gw.request("/v1/chat/completions").header("Authorization", "Bearer " + key), body);
        assertThat(openai.takeRequest().bodyText()).isEqualTo(body.replace("oai/gpt-4o", "gpt-4o"));
    }

    @Test
    void aRuleThatCannotCompileIsRefusedOnSaveWithTheFieldNamed() {
        long set = gw.adminPost("/admin/rule-sets", "{\"name\":\"broken\"}").path("id").asLong();
        HttpResponse<String> res = gw.post(gw.admin("/admin/rule-sets/" + set + "/rules"),
                "{\"kind\":\"transform\",\"config_json\":{\"locate\":{\"path\":\"a\"},\"actions\":[{\"op\":"
                        + "\"replace_regex\",\"pattern\":\"(\",\"with\":\"x\"}]}}");
        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(res.body()).contains("config_json.actions.0.pattern");

        HttpResponse<String> header = gw.post(gw.admin("/admin/rule-sets/" + set + "/rules"),
                "{\"kind\":\"header\",\"config_json\":{\"name\":\"x-api-key\",\"value\":\"stolen\"}}");
        assertThat(header.statusCode()).isEqualTo(400);
        assertThat(header.body()).contains("config_json.name");
    }

    @Test
    void aRuleThatFailsAtRunTimeIsSkippedAndTheRequestSucceeds() {
        long set = gw.adminPost("/admin/rule-sets", "{\"name\":\"fragile\"}").path("id").asLong();
        // valid on save, but the edit leaves invalid JSON when it meets this body
        rule(set, "transform", "{\"locate\":{\"match\":\"BREAKME\"},\"actions\":[{\"op\":\"replace_text\","
                + "\"with\":\"\\\"\"}]}", 1, "");
        long provider = gw.provider("fragile", "openai", openai.url());
        gw.credential(provider, "sk-oai-2");
        gw.adminPost("/admin/providers/" + provider + "/rule-sets", "{\"rule_set_id\":" + set + "}");
        openai.enqueue(FakeResponses.openAiChat("still fine", Usage.of(3, 1)));

        HttpResponse<String> res = gw.post(gw.request("/v1/chat/completions").header("Authorization", "Bearer " + key),
                "{\"model\":\"fragile/gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"BREAKME\"}]}");

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        assertThat(openai.takeRequest().bodyText()).contains("BREAKME");
    }

    @Test
    void aDisabledAttachmentStopsTheRulesOnTheNextRequest() {
        long set = gw.adminPost("/admin/rule-sets", "{\"name\":\"toggle\"}").path("id").asLong();
        rule(set, "rewrite", "{\"path\":\"temperature\",\"value_json\":0}", 1, "");
        long provider = gw.provider("toggle", "openai", openai.url());
        gw.credential(provider, "sk-oai-3");
        long attachment = gw.adminPost("/admin/providers/" + provider + "/rule-sets", "{\"rule_set_id\":" + set + "}")
                .path("id").asLong();
        String body = "{\"model\":\"toggle/gpt-4o\",\"messages\":[]}";

        openai.enqueue(FakeResponses.openAiChat("a", Usage.of(1, 1)));
        gw.post(gw.request("/v1/chat/completions").header("Authorization", "Bearer " + key), body);
        assertThat(openai.takeRequest().bodyText()).contains("\"temperature\":0");

        HttpResponse<String> off = gw.post(gw.admin("/admin/providers/" + provider + "/rule-sets"),
                "{\"id\":" + attachment + ",\"rule_set_id\":" + set + ",\"enabled\":false}");
        assertThat(off.statusCode()).as(off.body()).isEqualTo(200);
        openai.enqueue(FakeResponses.openAiChat("b", Usage.of(1, 1)));
        gw.post(gw.request("/v1/chat/completions").header("Authorization", "Bearer " + key), body);
        assertThat(openai.takeRequest().bodyText()).doesNotContain("temperature");
    }

    @Test
    void noStreamIsBrokenByRulesOnTheRequest() {
        claude.enqueue(FakeResponses.claudeStream(List.of("a", "b"), Usage.of(4, 2)));
        HttpResponse<String> res = messages("{\"model\":\"anth/claude-sonnet-4\",\"max_tokens\":16,\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}", "curl/8");
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.body()).contains("event: message_stop");
        assertThat(Json.parse(claude.takeRequest().bodyText()).path("stream").asBoolean()).isTrue();
    }

    @Test
    void responseTransformsEditEachStreamedEventAndLeaveTheFramingAlone() {
        claude.enqueue(FakeResponses.claudeStream(List.of("I am ", "Claude", ", hello."), Usage.of(4, 3)));
        HttpResponse<String> res = messages("{\"model\":\"anth/claude-sonnet-4\",\"max_tokens\":16,\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"who are you\"}]}", "curl/8");
        claude.takeRequest();

        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.body()).contains("\"text\":\"the assistant\"").doesNotContain("Claude")
                .contains("event: content_block_delta", "event: message_stop");
    }

    @Test
    void responseTransformsEditABufferedAnswerWhoseLengthChanges() {
        claude.enqueue(FakeResponses.claudeMessage("I am Claude, made by Claude's makers", Usage.of(4, 3)));
        HttpResponse<String> res = messages("{\"model\":\"anth/claude-sonnet-4\",\"max_tokens\":16,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"who are you\"}]}", "curl/8");
        claude.takeRequest();

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        assertThat(TestGateway.json(res).at("/content/0/text").asText())
                .isEqualTo("I am the assistant, made by the assistant's makers");
    }

    @Test
    void responseTransformsRunOnTheUpstreamShapeBeforeConversion() {
        claude.enqueue(FakeResponses.claudeStream(List.of("Claude", " here"), Usage.of(4, 2)));
        HttpResponse<String> res = gw.post(gw.request("/v1/chat/completions").header("Authorization", "Bearer " + key),
                "{\"model\":\"anth/claude-sonnet-4\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        claude.takeRequest();

        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.body()).contains("\"content\":\"the assistant\"").doesNotContain("Claude")
                .endsWith("data: [DONE]\n\n");
    }
}
