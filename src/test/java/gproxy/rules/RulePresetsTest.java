package gproxy.rules;

import static gproxy.rules.Rules.input;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

import gproxy.json.Json;
import gproxy.protocol.Kind;
import gproxy.protocol.Operation;

/** The ready-made rule sets do what their descriptions say, on the wire shape they are meant for. */
class RulePresetsTest {
    private static final Map<String, String> OPENCODE = Map.of("User-Agent", "opencode/0.9.1 (linux)");

    private static List<CompiledRule> compiled(String preset) {
        RulePresets.Preset p = RulePresets.find(preset).orElseThrow();
        long[] id = {1};
        return p.rules().stream().map(r -> RuleCompiler.compile(r.row(1, 0).with("id", id[0]++))).toList();
    }

    private static RequestShaper.Shaped shape(String preset, Map<String, String> headers, String body) {
        return RequestShaper.shape(compiled(preset), Json.object(),
                input(Kind.CLAUDE_MESSAGES, Operation.GENERATE_CONTENT, "claude-sonnet-4", headers),
                body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void thePresetsAreTheClaudeCacheOnesAndOpenCodeEachWithRulesThatCompile() {
        assertThat(RulePresets.all()).extracting(RulePresets.Preset::id)
                .containsExactly("claude-system-cache", "claude-message-cache", "opencode");
        for (RulePresets.Preset preset : RulePresets.all()) {
            assertThat(preset.rules()).as(preset.id()).isNotEmpty();
            assertThat(preset.setName()).isEqualTo(preset.id() + " compatibility");
            assertThat(compiled(preset.id())).hasSameSizeAs(preset.rules());
        }
    }

    @Test
    void claudeSystemCacheMarksTheLastSystemBlockForAnHourWithItsBetaHeader() {
        RequestShaper.Shaped shaped = shape("claude-system-cache", Map.of(), "{\"model\":\"claude-sonnet-4\","
                + "\"system\":[{\"type\":\"text\",\"text\":\"a\"},{\"type\":\"text\",\"text\":\"b\"}],\"messages\":[]}");
        JsonNode system = Json.parse(shaped.body()).get("system");
        assertThat(system.get(0).has("cache_control")).isFalse();
        assertThat(Json.text(system.get(1).get("cache_control"))).isEqualTo("{\"type\":\"ephemeral\",\"ttl\":\"1h\"}");
        assertThat(shaped.headers()).extracting(Rule.Header::name, Rule.Header::value, Rule.Header::merge)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("anthropic-beta", "extended-cache-ttl-2025-04-11",
                        true));
    }

    @Test
    void claudeMessageCacheMarksTheLastMessageBlockAndLeavesOtherModelsAlone() {
        String body = "{\"messages\":[{\"role\":\"user\",\"content\":\"one\"},{\"role\":\"user\",\"content\":\"two\"}]}";
        JsonNode shaped = Json.parse(shape("claude-message-cache", Map.of(), body).body());
        assertThat(shaped.at("/messages/1/content/0/cache_control/ttl").asText()).isEqualTo("5m");
        assertThat(shaped.at("/messages/0/content/0").has("cache_control")).isFalse();

        RequestShaper.Shaped gpt = RequestShaper.shape(compiled("claude-message-cache"), Json.object(),
                input(Kind.OPENAI_CHAT, Operation.GENERATE_CONTENT, "gpt-4o", Map.of()),
                body.getBytes(StandardCharsets.UTF_8));
        assertThat(new String(gpt.body(), StandardCharsets.UTF_8)).isEqualTo(body);
    }

    @Test
    void openCodeStripsTheEnvBlockAndBrandingAndRenamesToolsBothWays() {
        String body = "{\"model\":\"claude-sonnet-4\",\"system\":[{\"type\":\"text\",\"text\":\"You are OpenCode, "
                + "the best coding agent.\\n<env>\\n  cwd: /home/me\\n</env>\\nBe careful.\"}],"
                + "\"tools\":[{\"name\":\"bash\"},{\"name\":\"todowrite\"},{\"name\":\"mcp_github_search\"},{\"name\":\"custom\"}],"
                + "\"messages\":[{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"t\",\"name\":\"read\","
                + "\"input\":{}}]}]}";
        RequestShaper.Shaped shaped = shape("opencode", OPENCODE, body);
        JsonNode sent = Json.parse(shaped.body());

        assertThat(sent.at("/system/0/text").asText()).isEqualTo("You are the best coding agent.\nBe careful.");
        assertThat(sent.get("tools").findValuesAsText("name"))
                .containsExactly("Bash", "TodoWrite", "mcp__github_search", "custom");
        assertThat(sent.at("/messages/0/content/0/name").asText()).isEqualTo("Read");

        ResponseEditor editor = shaped.responseEditor().orElseThrow();
        String answer = "{\"content\":[{\"type\":\"tool_use\",\"name\":\"Bash\"},{\"type\":\"tool_use\","
                + "\"name\":\"mcp__github_search\"}]}";
        assertThat(Json.parse(editor.edit(answer.getBytes(StandardCharsets.UTF_8))).get("content")
                .findValuesAsText("name")).containsExactly("bash", "mcp_github_search");
        String start = "{\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"tool_use\","
                + "\"name\":\"TodoWrite\"}}";
        assertThat(Json.parse(editor.edit(start.getBytes(StandardCharsets.UTF_8))).at("/content_block/name").asText())
                .isEqualTo("todowrite");
    }

    @Test
    void openCodeRulesLeaveOtherClientsUntouched() {
        String body = "{\"system\":\"You are OpenCode.\\n<env>x</env>\",\"tools\":[{\"name\":\"bash\"}],\"messages\":[]}";
        RequestShaper.Shaped shaped = shape("opencode", Map.of("User-Agent", "claude-cli/1.0"), body);
        assertThat(new String(shaped.body(), StandardCharsets.UTF_8)).isEqualTo(body);
        assertThat(shaped.responseEditor()).isEmpty();
    }
}
