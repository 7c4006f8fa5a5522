package gproxy.rules;

import static gproxy.rules.Rules.input;
import static gproxy.rules.Rules.json;
import static gproxy.rules.Rules.rule;
import static gproxy.rules.Rules.shape;
import static gproxy.rules.Rules.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import gproxy.json.Json;
import gproxy.protocol.Kind;

/** The cache_breakpoint rule and the magic strings (features §7.3–7.4). */
class CacheBreakpointTest {
    private static final String CLAUDE = "{\"system\":\"long system\",\"tools\":[{\"name\":\"a\"},{\"name\":\"b\"}],"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"one\"},{\"role\":\"assistant\",\"content\":["
            + "{\"type\":\"thinking\",\"thinking\":\"t\",\"signature\":\"s\"},{\"type\":\"text\",\"text\":\"two\"}]},"
            + "{\"role\":\"user\",\"content\":\"three\"}]}";

    @Test
    void claudeSystemTargetTurnsAStringIntoAMarkedTextBlock() {
        JsonNode out = json(shape(List.of(rule(1, "cache_breakpoint", "{\"target\":\"system\",\"ttl\":\"1h\"}")),
                input(Kind.CLAUDE_MESSAGES, "c"), CLAUDE));
        assertThat(Json.text(out.get("system"))).isEqualTo(
                "[{\"type\":\"text\",\"text\":\"long system\",\"cache_control\":{\"type\":\"ephemeral\",\"ttl\":\"1h\"}}]");
    }

    @Test
    void claudeMessageIndexCountsCacheableBlocksAcrossMessagesFromEitherEnd() {
        JsonNode last = json(shape(List.of(rule(1, "cache_breakpoint", "{\"target\":\"message\"}")),
                input(Kind.CLAUDE_MESSAGES, "c"), CLAUDE));
        assertThat(last.at("/messages/2/content/0/cache_control/ttl").asText()).isEqualTo("5m");

        JsonNode second = json(shape(List.of(rule(1, "cache_breakpoint", "{\"target\":\"message\",\"index\":2}")),
                input(Kind.CLAUDE_MESSAGES, "c"), CLAUDE));
        // the thinking block is not cacheable: the second block is the assistant's text
        assertThat(second.at("/messages/1/content/1/cache_control").isObject()).isTrue();
        assertThat(second.at("/messages/1/content/0/cache_control").isMissingNode()).isTrue();

        JsonNode tool = json(shape(List.of(rule(1, "cache_breakpoint", "{\"target\":\"tools\",\"index\":-2}")),
                input(Kind.CLAUDE_MESSAGES, "c"), CLAUDE));
        assertThat(tool.at("/tools/0/cache_control").isObject()).isTrue();
        assertThat(tool.at("/tools/1/cache_control").isMissingNode()).isTrue();
    }

    @Test
    void neverMoreThanFourClaudeMarkersCountingTheClientsOwn() {
        String body = "{\"system\":[{\"type\":\"text\",\"text\":\"s\",\"cache_control\":{\"type\":\"ephemeral\"}}],"
                + "\"tools\":[{\"name\":\"a\",\"cache_control\":{\"type\":\"ephemeral\"}}],"
                + "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"1\"},"
                + "{\"type\":\"text\",\"text\":\"2\",\"cache_control\":{\"type\":\"ephemeral\"}},"
                + "{\"type\":\"text\",\"text\":\"3\"},{\"type\":\"text\",\"text\":\"4\"}]}]}";
        List<CompiledRule> rules = List.of(
                rule(1, "cache_breakpoint", "{\"target\":\"message\",\"index\":1}"),
                rule(2, "cache_breakpoint", "{\"target\":\"message\",\"index\":3}"),
                rule(3, "cache_breakpoint", "{\"target\":\"message\",\"index\":4}"));
        JsonNode out = json(shape(rules, input(Kind.CLAUDE_MESSAGES, "c"), body));
        assertThat(CacheMarkers.claudeMarkers((com.fasterxml.jackson.databind.node.ObjectNode) out)).isEqualTo(4);
        assertThat(out.at("/messages/0/content/0/cache_control").isObject()).isTrue();
        assertThat(out.at("/messages/0/content/2/cache_control").isMissingNode()).isTrue();
    }

    @Test
    void claudeTopLevelMarkerIsAutomaticCaching() {
        JsonNode out = json(shape(List.of(rule(1, "cache_breakpoint", "{\"target\":\"top_level\"}")),
                input(Kind.CLAUDE_MESSAGES, "c"), CLAUDE));
        assertThat(Json.text(out.get("cache_control"))).isEqualTo("{\"type\":\"ephemeral\",\"ttl\":\"5m\"}");
    }

    @Test
    void openAiChatGetsAnExplicitBreakpointOnATextPartAndARequestWideTtl() {
        String body = "{\"messages\":[{\"role\":\"system\",\"content\":\"sys\"},{\"role\":\"user\",\"content\":\"hi\"}]}";
        JsonNode out = json(shape(List.of(rule(1, "cache_breakpoint", "{\"target\":\"message\",\"ttl\":\"30m\"}")),
                input(Kind.OPENAI_CHAT, "gpt-5.6"), body));
        assertThat(Json.text(out.at("/messages/1/content"))).isEqualTo(
                "[{\"type\":\"text\",\"text\":\"hi\",\"prompt_cache_breakpoint\":{\"mode\":\"explicit\"}}]");
        assertThat(out.at("/messages/0/content").asText()).isEqualTo("sys");
        assertThat(out.at("/prompt_cache_options/ttl").asText()).isEqualTo("30m");
    }

    @Test
    void openAiTopLevelNeverReplacesTheClientsMode() {
        CompiledRule top = rule(1, "cache_breakpoint", "{\"target\":\"top_level\"}");
        assertThat(json(shape(List.of(top), input(Kind.OPENAI_RESPONSES, "g"), "{\"input\":\"hi\"}"))
                .at("/prompt_cache_options/mode").asText()).isEqualTo("implicit");
        assertThat(json(shape(List.of(top), input(Kind.OPENAI_RESPONSES, "g"),
                "{\"input\":\"hi\",\"prompt_cache_options\":{\"mode\":\"explicit\"}}"))
                .at("/prompt_cache_options/mode").asText()).isEqualTo("explicit");
    }

    @Test
    void responsesInstructionsGetADeveloperBoundaryBlockRightAfterThem() {
        JsonNode out = json(shape(List.of(rule(1, "cache_breakpoint", "{\"target\":\"system\"}")),
                input(Kind.OPENAI_RESPONSES, "g"), "{\"instructions\":\"long\",\"input\":\"hi\"}"));
        assertThat(out.at("/input/0/role").asText()).isEqualTo("developer");
        assertThat(out.at("/input/0/content/0/prompt_cache_breakpoint/mode").asText()).isEqualTo("explicit");
        assertThat(out.at("/input/1/content/0/text").asText()).isEqualTo("hi");
        assertThat(out.path("instructions").asText()).isEqualTo("long");
    }

    @Test
    void geminiHasNoMarkersSoTheBodyIsUnchanged() {
        String body = "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}]}";
        assertThat(text(shape(List.of(rule(1, "cache_breakpoint", "{\"target\":\"message\"}")),
                input(Kind.GEMINI_GENERATE, "gem"), body))).isEqualTo(body);
    }

    @Test
    void magicStringsBecomeMarkersAndVanishOnlyWhenTheProviderEnablesThem() {
        String trigger1h = MagicCache.PREFIX + "1FAS5GV9R5H29T5Y2J9584K6O95M2NBVW52C95CX984FRJY";
        String body = "{\"messages\":[{\"role\":\"user\",\"content\":\"long prefix " + trigger1h + "\"}]}";

        assertThat(text(shape(List.of(), input(Kind.CLAUDE_MESSAGES, "c"), body))).isEqualTo(body);

        JsonNode claude = json(shape(List.of(), "{\"enable_magic_cache\":true}", input(Kind.CLAUDE_MESSAGES, "c"), body));
        assertThat(Json.text(claude.at("/messages/0/content"))).isEqualTo("[{\"type\":\"text\",\"text\":\"long prefix \","
                + "\"cache_control\":{\"type\":\"ephemeral\",\"ttl\":\"1h\"}}]");

        JsonNode openAi = json(shape(List.of(), "{\"enable_openai_magic_cache\":true}", input(Kind.OPENAI_CHAT, "g"),
                body));
        assertThat(openAi.at("/messages/0/content/0/text").asText()).isEqualTo("long prefix ");
        assertThat(openAi.at("/messages/0/content/0/prompt_cache_breakpoint/mode").asText()).isEqualTo("explicit");
    }

    @Test
    void magicStringsPastTheFourMarkerLimitAreStrippedWithoutAMarker() {
        String trigger = MagicCache.PREFIX + "49VA1S5V19GR4G89W2V695G9W9GV52W95V198WV5W2FC9DF";
        StringBuilder content = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            content.append(i == 0 ? "" : ",").append("{\"type\":\"text\",\"text\":\"part").append(i).append(trigger)
                    .append("\"}");
        }
        String body = "{\"messages\":[{\"role\":\"user\",\"content\":[" + content + "]}]}";
        JsonNode out = json(shape(List.of(), "{\"enable_claude_magic_cache\":true}", input(Kind.CLAUDE_MESSAGES, "c"),
                body));
        assertThat(Json.text(out)).doesNotContain(MagicCache.PREFIX);
        assertThat(CacheMarkers.claudeMarkers((com.fasterxml.jackson.databind.node.ObjectNode) out)).isEqualTo(4);
        assertThat(out.at("/messages/0/content/4/cache_control").isMissingNode()).isTrue();
    }
}
