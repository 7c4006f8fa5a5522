package gproxy.rules;

import static gproxy.rules.Rules.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

import gproxy.error.GatewayException;

/** A rule that cannot run is refused on save, with the field named. */
class RuleCompilerTest {

    @Test
    void eachKindCompilesToItsConfiguration() {
        assertThat(rule(1, "system_text", "{\"text\":\"x\",\"position\":\"prepend\"}").rule())
                .isEqualTo(new Rule.SystemText("x", true));
        assertThat(rule(1, "header", "{\"name\":\"anthropic-beta\",\"value\":\"b\",\"mode\":\"merge\"}").rule())
                .isEqualTo(new Rule.Header("anthropic-beta", "b", true));
        assertThat(rule(1, "cache_breakpoint", "{\"target\":\"tools\",\"index\":-1,\"ttl\":\"1h\"}").rule().kind())
                .isEqualTo(RuleKind.CACHE_BREAKPOINT);
    }

    @Test
    void badConfigurationsNameTheField() {
        assertRefused("system_text", "{}", "config_json.text");
        assertRefused("system_text", "{\"text\":\"x\",\"position\":\"middle\"}", "config_json.position");
        assertRefused("cache_breakpoint", "{\"index\":0}", "config_json.index");
        assertRefused("cache_breakpoint", "{\"ttl\":\"2h\"}", "config_json.ttl");
        assertRefused("cache_breakpoint", "{\"target\":\"everything\"}", "config_json.target");
        assertRefused("rewrite", "{\"path\":\"a..b\",\"value_json\":1}", "config_json.path");
        assertRefused("rewrite", "{\"path\":\"a\"}", "config_json.value_json");
        assertRefused("rewrite", "{\"path\":\"a\",\"action\":\"merge\",\"value_json\":1}", "config_json.value_json");
        assertRefused("transform", "{\"actions\":[{\"op\":\"replace_text\",\"with\":\"x\"}]}", "config_json.locate");
        assertRefused("transform", "{\"locate\":{\"path\":\"a\"},\"actions\":[{\"op\":\"replace_regex\","
                + "\"pattern\":\"(\",\"with\":\"x\"}]}", "config_json.actions.0.pattern");
        assertRefused("transform", "{\"locate\":{\"match\":\"a\"},\"actions\":[{\"op\":\"replace_regex\","
                + "\"pattern\":\"a\",\"with\":\"x\"}]}", "config_json.actions.0.op");
        assertRefused("header", "{\"name\":\"Authorization\",\"value\":\"x\"}", "config_json.name");
        assertRefused("header", "{\"name\":\"bad name\",\"value\":\"x\"}", "config_json.name");
        assertRefused("sprinkle", "{}", "kind");
    }

    @Test
    void badFiltersNameTheColumn() {
        assertThatThrownBy(() -> rule(1, "system_text", "{\"text\":\"x\"}", Map.of("filter_header_pattern", "(")))
                .hasMessageContaining("filter_header_pattern");
        assertThatThrownBy(() -> rule(1, "system_text", "{\"text\":\"x\"}",
                Map.of("filter_operation_keys", "generate_content, fly")))
                .hasMessageContaining("filter_operation_keys").hasMessageContaining("fly");
    }

    private static void assertRefused(String kind, String config, String field) {
        assertThatThrownBy(() -> rule(1, kind, config))
                .isInstanceOf(GatewayException.class)
                .satisfies(e -> assertThat(((GatewayException) e).status()).isEqualTo(400))
                .hasMessageContaining(field);
    }
}
