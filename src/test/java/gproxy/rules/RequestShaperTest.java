package gproxy.rules;

import static gproxy.rules.Rules.input;
import static gproxy.rules.Rules.json;
import static gproxy.rules.Rules.rule;
import static gproxy.rules.Rules.shape;
import static gproxy.rules.Rules.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import gproxy.json.Json;
import gproxy.protocol.Kind;
import gproxy.protocol.Operation;

/** Request rules on each upstream dialect's wire shape (features §7.1). */
class RequestShaperTest {

    @Test
    void withoutRulesTheBodyBytesPassUntouched() {
        String body = "{ \"model\" : \"m\",  \"messages\":[] }";
        RequestShaper.Shaped shaped = shape(List.of(), input(Kind.OPENAI_CHAT, "m"), body);
        assertThat(text(shaped)).isEqualTo(body);
    }

    @Test
    void aRuleWhoseFiltersDoNotMatchLeavesTheBytesAsTheyAre() {
        String body = "{ \"model\" : \"gpt-4o\",\"messages\":[] }";
        CompiledRule rule = rule(1, "system_text", "{\"text\":\"be brief\"}",
                Map.of("filter_model_pattern", "claude-*"));
        assertThat(text(shape(List.of(rule), input(Kind.OPENAI_CHAT, "gpt-4o"), body))).isEqualTo(body);
    }

    @Test
    void systemTextGoesToEachDialectsNativeSystemLocation() {
        CompiledRule append = rule(1, "system_text", "{\"text\":\"be brief\",\"position\":\"append\"}");
        CompiledRule prepend = rule(2, "system_text", "{\"text\":\"house rules\",\"position\":\"prepend\"}");
        List<CompiledRule> both = List.of(append, prepend);

        assertThat(Json.text(json(shape(both, input(Kind.CLAUDE_MESSAGES, "c"),
                "{\"system\":\"you help\",\"messages\":[]}")).get("system")))
                .isEqualTo("\"house rules\\n\\nyou help\\n\\nbe brief\"");
        assertThat(Json.text(json(shape(both, input(Kind.CLAUDE_MESSAGES, "c"),
                "{\"system\":[{\"type\":\"text\",\"text\":\"you help\"}],\"messages\":[]}")).get("system")))
                .isEqualTo("[{\"type\":\"text\",\"text\":\"house rules\"},{\"type\":\"text\",\"text\":\"you help\"},"
                        + "{\"type\":\"text\",\"text\":\"be brief\"}]");
        assertThat(Json.text(json(shape(both, input(Kind.OPENAI_CHAT, "g"),
                "{\"messages\":[{\"role\":\"system\",\"content\":\"you help\"},{\"role\":\"user\",\"content\":\"hi\"}]}"))
                .get("messages")))
                .isEqualTo("[{\"role\":\"system\",\"content\":\"house rules\"},{\"role\":\"system\",\"content\":\"you help\"},"
                        + "{\"role\":\"system\",\"content\":\"be brief\"},{\"role\":\"user\",\"content\":\"hi\"}]");
        assertThat(json(shape(both, input(Kind.OPENAI_RESPONSES, "g"), "{\"input\":\"hi\"}"))
                .path("instructions").asText()).isEqualTo("house rules\n\nbe brief");
        assertThat(Json.text(json(shape(both, input(Kind.GEMINI_GENERATE, "gem"),
                "{\"contents\":[],\"systemInstruction\":{\"parts\":[{\"text\":\"you help\"}]}}")).get("systemInstruction")))
                .isEqualTo("{\"parts\":[{\"text\":\"house rules\"},{\"text\":\"you help\"},{\"text\":\"be brief\"}]}");
    }

    @Test
    void systemTextSkipsOperationsWithoutASystemPrompt() {
        String body = "{\"model\":\"e\",\"input\":\"hello\"}";
        CompiledRule rule = rule(1, "system_text", "{\"text\":\"be brief\"}");
        assertThat(text(shape(List.of(rule), input(Kind.OPENAI_CHAT, Operation.CREATE_EMBEDDING, "e", Map.of()),
                body))).isEqualTo(body);
    }

    @Test
    void rewriteSetsCreatingParentsDeletesAndMerges() {
        List<CompiledRule> rules = List.of(
                rule(1, "rewrite", "{\"path\":\"metadata.tenant\",\"action\":\"set\",\"value_json\":\"acme\"}"),
                rule(2, "rewrite", "{\"path\":\"temperature\",\"action\":\"delete\"}"),
                rule(3, "rewrite", "{\"path\":\"thinking\",\"action\":\"merge\",\"value_json\":{\"budget_tokens\":2048}}"),
                rule(4, "rewrite", "{\"path\":\"messages.5.content\",\"action\":\"set\",\"value_json\":\"x\"}"));
        String out = text(shape(rules, input(Kind.CLAUDE_MESSAGES, "c"),
                "{\"temperature\":1,\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":1024},\"messages\":[]}"));
        assertThat(out).isEqualTo("{\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":2048},\"messages\":[],"
                + "\"metadata\":{\"tenant\":\"acme\"}}");
    }

    @Test
    void transformReplacesRegexInSelectedStringsOnlyAndHonoursTheLimit() {
        CompiledRule rule = rule(1, "transform", "{\"locate\":{\"path\":\"messages.*.content\"},"
                + "\"actions\":[{\"op\":\"replace_regex\",\"pattern\":\"secret-(\\\\d+)\",\"with\":\"[redacted $1]\"}],"
                + "\"limit\":2}");
        String out = text(shape(List.of(rule), input(Kind.OPENAI_CHAT, "g"),
                "{\"model\":\"secret-0\",\"messages\":[{\"role\":\"user\",\"content\":\"secret-1 and secret-2\"},"
                        + "{\"role\":\"user\",\"content\":\"secret-3\"}]}"));
        assertThat(out).isEqualTo("{\"model\":\"secret-0\",\"messages\":[{\"role\":\"user\",\"content\":"
                + "\"[redacted 1] and [redacted 2]\"},{\"role\":\"user\",\"content\":\"secret-3\"}]}");
    }

    @Test
    void transformWithABodyMatchReplacesTextAnywhereInTheSerialisedBody() {
        CompiledRule rule = rule(1, "transform", "{\"locate\":{\"type\":\"match\",\"value\":\"OpenCode\"},"
                + "\"actions\":[{\"op\":\"replace_text\",\"with\":\"the assistant\"}]}");
        String out = text(shape(List.of(rule), input(Kind.CLAUDE_MESSAGES, "c"),
                "{\"system\":\"You are OpenCode.\",\"messages\":[{\"role\":\"user\",\"content\":\"hi OpenCode\"}]}"));
        assertThat(out).isEqualTo("{\"system\":\"You are the assistant.\",\"messages\":[{\"role\":\"user\","
                + "\"content\":\"hi the assistant\"}]}");
    }

    @Test
    void aTransformThatWouldBreakTheJsonIsSkippedAndTheOtherRulesStillRun() {
        CompiledRule broken = rule(1, "transform", "{\"locate\":{\"match\":\"\\\"messages\\\"\"},"
                + "\"actions\":[{\"op\":\"replace_text\",\"with\":\"{{{\"}]}");
        CompiledRule fine = rule(2, "rewrite", "{\"path\":\"max_tokens\",\"value_json\":64}");
        String out = text(shape(List.of(broken, fine), input(Kind.CLAUDE_MESSAGES, "c"), "{\"messages\":[]}"));
        assertThat(out).isEqualTo("{\"messages\":[],\"max_tokens\":64}");
    }

    @Test
    void theBookRunsKindsInFixedOrderThenAttachmentsThenRulesAndSkipsWhatIsDisabled() {
        java.util.Map<String, List<gproxy.store.Row>> rows = java.util.Map.of(
                "rule_sets", List.of(row(10, "enabled", true), row(20, "enabled", true), row(30, "enabled", false)),
                "provider_rule_sets", List.of(
                        row(1, "provider_id", 7L, "rule_set_id", 20L, "sort_order", 1L, "enabled", true),
                        row(2, "provider_id", 7L, "rule_set_id", 10L, "sort_order", 2L, "enabled", true),
                        row(3, "provider_id", 7L, "rule_set_id", 30L, "sort_order", 0L, "enabled", true),
                        row(4, "provider_id", 8L, "rule_set_id", 10L, "sort_order", 0L, "enabled", false)),
                "rules", List.of(
                        ruleRow(100, 10L, 0, "rewrite", "{\"path\":\"system\",\"value_json\":\"replaced\"}", true),
                        ruleRow(101, 10L, 1, "system_text", "{\"text\":\"second set\"}", true),
                        ruleRow(102, 20L, 5, "system_text", "{\"text\":\"first set, late\"}", true),
                        ruleRow(103, 20L, 1, "system_text", "{\"text\":\"first set, early\"}", true),
                        ruleRow(104, 20L, 0, "system_text", "{\"text\":\"disabled\"}", false),
                        ruleRow(105, 30L, 0, "system_text", "{\"text\":\"disabled set\"}", true),
                        ruleRow(106, 20L, 0, "system_text", "{\"position\":\"sideways\"}", true)));
        gproxy.snapshot.Snapshot snapshot = new gproxy.snapshot.Snapshot(1, java.time.Instant.EPOCH, rows,
                gproxy.snapshot.Identity.EMPTY, java.util.Map.of(), gproxy.snapshot.Routing.EMPTY, java.util.Map.of());

        RuleBook book = RuleBook.of(snapshot);

        // the broken stored rule (106) is skipped; kinds first, then attachment order, then sort_order
        assertThat(book.rules(7).stream().map(CompiledRule::id).toList()).containsExactly(103L, 102L, 101L, 100L);
        assertThat(book.rules(8)).isEmpty();
        assertThat(new RuleBook.Cache().forSnapshot(snapshot).rules(7)).hasSize(4);
    }

    private static gproxy.store.Row row(long id, Object... pairs) {
        java.util.Map<String, Object> values = new java.util.HashMap<>();
        values.put("id", id);
        for (int i = 0; i < pairs.length; i += 2) {
            values.put((String) pairs[i], pairs[i + 1]);
        }
        return gproxy.store.Row.of(values);
    }

    private static gproxy.store.Row ruleRow(long id, long set, long order, String kind, String config, boolean enabled) {
        return row(id, "rule_set_id", set, "sort_order", order, "kind", kind, "config_json", config,
                "enabled", enabled);
    }

    @Test
    void filtersAreAndedOverModelOperationAndInboundHeaders() {
        CompiledRule rule = rule(1, "rewrite", "{\"path\":\"x\",\"value_json\":1}", Map.of(
                "filter_model_pattern", "claude-*",
                "filter_operation_keys", "[\"generate_content\",\"stream_generate_content\"]",
                "filter_header_pattern", "^user-agent: opencode/"));
        String body = "{\"messages\":[]}";
        Map<String, String> opencode = Map.of("User-Agent", "OpenCode/1.2");

        assertThat(text(shape(List.of(rule), input(Kind.CLAUDE_MESSAGES, Operation.GENERATE_CONTENT,
                "anthropic/claude-sonnet-4", opencode), body))).contains("\"x\":1");
        assertThat(text(shape(List.of(rule), input(Kind.CLAUDE_MESSAGES, Operation.GENERATE_CONTENT,
                "claude-sonnet-4", Map.of("User-Agent", "curl/8")), body))).isEqualTo(body);
        assertThat(text(shape(List.of(rule), input(Kind.CLAUDE_MESSAGES, Operation.COUNT_TOKENS,
                "claude-sonnet-4", opencode), body))).isEqualTo(body);
        assertThat(text(shape(List.of(rule), input(Kind.CLAUDE_MESSAGES, Operation.GENERATE_CONTENT,
                "gpt-4o", opencode), body))).isEqualTo(body);
    }

    @Test
    void headerRulesAreReturnedForTheUpstreamRequestAndMergeSkipsDuplicates() {
        CompiledRule beta = rule(1, "header", "{\"name\":\"anthropic-beta\",\"value\":\"extended-cache-ttl-2025-04-11\","
                + "\"mode\":\"merge\"}");
        RequestShaper.Shaped shaped = shape(List.of(beta), input(Kind.CLAUDE_MESSAGES, "c"), "{\"messages\":[]}");
        assertThat(text(shaped)).isEqualTo("{\"messages\":[]}");

        io.helidon.http.WritableHeaders<?> headers = io.helidon.http.WritableHeaders.create();
        headers.set(io.helidon.http.HeaderNames.create("anthropic-beta"), "a, extended-cache-ttl-2025-04-11");
        HeaderEdits.apply(shaped.headers(), headers);
        assertThat(headers.get(io.helidon.http.HeaderNames.create("anthropic-beta")).values())
                .isEqualTo("a,extended-cache-ttl-2025-04-11");

        HeaderEdits.apply(List.of((Rule.Header) rule(2, "header", "{\"name\":\"x-tenant\",\"value\":\"acme\"}").rule()),
                headers);
        assertThat(headers.get(io.helidon.http.HeaderNames.create("x-tenant")).values()).isEqualTo("acme");
    }

    @Test
    void responseTransformsAreHandedBackForTheAnswer() {
        CompiledRule rule = rule(1, "transform", "{\"phase\":\"response\",\"locate\":{\"path\":\"choices.*.delta.content\"},"
                + "\"actions\":[{\"op\":\"replace_text\",\"from\":\"Claude\",\"with\":\"Assistant\"}]}");
        RequestShaper.Shaped shaped = shape(List.of(rule), input(Kind.OPENAI_CHAT, "g"),
                "{\"messages\":[{\"role\":\"user\",\"content\":\"Claude?\"}]}");
        assertThat(text(shaped)).contains("Claude?");
        ResponseEditor editor = shaped.responseEditor().orElseThrow();
        assertThat(new String(editor.edit("{\"choices\":[{\"delta\":{\"content\":\"I am Claude\"}}]}".getBytes()),
                java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("{\"choices\":[{\"delta\":{\"content\":\"I am Assistant\"}}]}");
        assertThat(new String(editor.edit("[DONE]".getBytes()), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("[DONE]");
    }
}
