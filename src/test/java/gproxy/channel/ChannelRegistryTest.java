package gproxy.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

import org.junit.jupiter.api.Test;

import gproxy.protocol.Kind;
import gproxy.protocol.OperationKey;
import gproxy.protocol.RoutingDecision;

class ChannelRegistryTest {
    private static final ChannelRegistry BUILT_INS = ChannelRegistry.builtIns();

    /** A channel with nothing but a name, to register twice. */
    private record Named(String id, List<String> aliases) implements Channel {
        @Override
        public ChannelMetadata metadata() {
            return new ChannelMetadata(id, id, ChannelMetadata.CredentialFamily.API_KEY, List.of(),
                    ChannelMetadata.apiKeyTemplate(), Optional.empty(), List.of(Kind.OPENAI_CHAT));
        }

        @Override
        public Map<OperationKey, RoutingDecision> defaultRoutingRules() {
            return RoutingMatrix.nativeContent(List.of(Kind.OPENAI_CHAT)).build();
        }

        @Override
        public UpstreamRequest prepare(PrepareInput input) {
            throw ChannelException.unsupported(id, input.key());
        }
    }

    @Test
    void theBuiltInsAreExactlyTheImplementedChannelsPlusTheAnthropicAlias() {
        assertThat(BUILT_INS.ids()).containsExactly("aistudio", "anthropic", "azure", "claudeapi", "custom",
                "deepseek", "glm", "groq", "kimi", "minimax", "nvidia", "openai", "openrouter", "vercel", "xai");
        assertThat(BUILT_INS.channels()).extracting(Channel::id).doesNotContain("anthropic");
    }

    @Test
    void channelsThatAreNotBuiltYetAreNotRegistered() {
        for (String v2Only : List.of("codex", "claudecode", "geminicli", "vertex", "vertexexpress", "aws_bedrock",
                "antigravity", "grokbuild", "kiro", "copilotcli", "chatgpt", "claudeweb", "cline",
                "cloudflare_ai_gateway")) {
            assertThat(BUILT_INS.find(v2Only)).as(v2Only).isEmpty();
        }
    }

    @Test
    void aChannelIsFoundByIdOrAlias() {
        assertThat(BUILT_INS.find("anthropic")).containsSame(BUILT_INS.find("claudeapi").orElseThrow());
        assertThat(BUILT_INS.find("nope")).isEmpty();
    }

    @Test
    void aDuplicateIdFailsConstruction() {
        assertThatThrownBy(() -> new ChannelRegistry(List.of(new Named("x", List.of()), new Named("x", List.of()))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("\"x\" is registered twice");
    }

    @Test
    void anAliasThatClashesWithAnIdFailsConstruction() {
        assertThatThrownBy(() -> new ChannelRegistry(List.of(new Named("x", List.of()), new Named("y", List.of("x")))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("\"x\" is registered twice");
    }

    @Test
    void aBuiltInThatClashesWithTheBuiltInsFailsConstruction() {
        List<Channel> twice = new java.util.ArrayList<>(BUILT_INS.channels());
        twice.add(new Named("openai", List.of()));

        assertThatThrownBy(() -> new ChannelRegistry(twice)).hasMessageContaining("\"openai\"");
    }

    @Test
    void theIdSetCannotBeChanged() {
        assertThatThrownBy(() -> BUILT_INS.ids().add("codex")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void theCatalogueHasOneEntryPerChannelInTheV2Shape() {
        ArrayNode catalogue = BUILT_INS.catalogue();

        assertThat(catalogue).hasSize(BUILT_INS.channels().size());
        for (JsonNode e : catalogue) {
            assertThat(e.fieldNames()).toIterable().containsExactly("id", "display_name", "source", "aliases",
                    "credential_family", "default_base_url", "secret_template", "endpoint_kinds", "settings_fields",
                    "routing_defaults");
            assertThat(e.get("source").asText()).isEqualTo("builtin");
            assertThat(e.get("credential_family").asText()).isEqualTo("api_key");
            assertThat(e.get("secret_template").toString()).isEqualTo("{\"api_key\":\"\"}");
            assertThat(e.get("endpoint_kinds")).isNotEmpty();
            assertThat(e.get("routing_defaults")).hasSize(RoutingMatrix.cells().size());
            for (JsonNode f : e.get("settings_fields")) {
                assertThat(f.fieldNames()).toIterable().containsExactly("name", "control", "required", "default", "help");
                assertThat(f.get("control").asText()).isIn("text", "url", "boolean", "integer", "string_list");
            }
        }
    }

    @Test
    void theCatalogueDescribesAChannelsDefaultsAndRules() {
        JsonNode openai = entry("openai");
        JsonNode claude = entry("claudeapi");

        assertThat(openai.get("default_base_url").asText()).isEqualTo("https://api.openai.com");
        assertThat(openai.get("endpoint_kinds").toString()).isEqualTo("[\"open_ai_responses\",\"open_ai_chat_completions\"]");
        assertThat(openai.get("settings_fields").get(0).toString()).contains("\"name\":\"base_url\"", "\"control\":\"url\"",
                "\"required\":false", "\"default\":\"https://api.openai.com\"");
        assertThat(openai.get("routing_defaults")).anySatisfy(r -> assertThat(r.toString()).isEqualTo(
                "{\"operation\":\"generate_content\",\"kind\":\"claude_messages\",\"implementation\":\"transform_to\","
                        + "\"dest_operation\":\"generate_content\",\"dest_kind\":\"open_ai_responses\"}"));
        assertThat(openai.get("routing_defaults")).anySatisfy(r -> assertThat(r.toString()).isEqualTo(
                "{\"operation\":\"list_models\",\"kind\":\"open_ai\",\"implementation\":\"passthrough\"}"));
        assertThat(claude.get("aliases").toString()).isEqualTo("[\"anthropic\"]");
        assertThat(entry("azure").get("default_base_url").isNull()).isTrue();
        assertThat(entry("custom").get("settings_fields").get(0).get("required").asBoolean()).isTrue();
    }

    private static JsonNode entry(String id) {
        for (JsonNode e : BUILT_INS.catalogue()) {
            if (e.get("id").asText().equals(id)) {
                return e;
            }
        }
        throw new AssertionError("no catalogue entry " + id);
    }
}
