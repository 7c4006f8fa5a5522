package gproxy.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import gproxy.channel.ChannelRegistry;
import gproxy.config.Settings;
import gproxy.json.Json;
import gproxy.security.SecretBox;
import gproxy.store.JdbcStore;
import gproxy.store.Query;
import gproxy.store.Schema;
import gproxy.testing.TestGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Routing rules through the admin API: seeding at provider creation, the reset, row validation. */
class RoutingRulesAdminTest {
    private static TestGateway gw;

    @BeforeAll
    static void start() {
        gw = TestGateway.start();
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    @Test
    void creatingAProviderSeedsOneRowPerCellOfItsChannelsMatrix() {
        long id = provider("seeded", "aistudio", "{}");

        JsonNode rows = rules(id);

        assertThat(rows).hasSize(ChannelRegistry.builtIns().find("aistudio").orElseThrow().defaultRoutingRules().size());
        JsonNode claude = cell(rows, "generate_content", "claude_messages");
        assertThat(claude.path("implementation").asText()).isEqualTo("transform_to");
        assertThat(claude.path("dest_operation").asText()).isEqualTo("generate_content");
        assertThat(claude.path("dest_kind").asText()).isEqualTo("gemini_generate_content");
        assertThat(claude.path("enabled").asBoolean()).isTrue();
        assertThat(cell(rows, "generate_content", "gemini_generate_content").path("implementation").asText())
                .isEqualTo("passthrough");
    }

    @Test
    void aCustomProviderIsSeededForTheDialectsItsSettingsDeclare() {
        long id = provider("custom-claude", "custom",
                "{\"base_url\":\"http://127.0.0.1:1\",\"dialects\":[\"claude_messages\"]}");

        JsonNode rows = rules(id);

        assertThat(cell(rows, "generate_content", "claude_messages").path("implementation").asText())
                .isEqualTo("passthrough");
        assertThat(cell(rows, "generate_content", "open_ai_chat_completions").path("dest_kind").asText())
                .isEqualTo("claude_messages");
    }

    @Test
    void aProviderWhoseSettingsCannotMakeAMatrixIsRefusedAndNotCreated() {
        HttpResponse<String> res = gw.post(gw.admin("/admin/providers"),
                "{\"name\":\"bad-dialects\",\"channel\":\"custom\",\"settings_json\":{\"dialects\":[\"klingon\"]}}");

        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(TestGateway.json(res).at("/error/field").asText()).isEqualTo("settings_json");
        assertThat(gw.send(gw.admin("/admin/providers")).body()).doesNotContain("bad-dialects");
    }

    @Test
    void resetRestoresEditedAndDeletedCellsAndLeavesAnExtraRowAlone() {
        long id = provider("reset-me", "openai", "{}");
        JsonNode seeded = rules(id);
        JsonNode chat = cell(seeded, "generate_content", "open_ai_chat_completions");
        JsonNode edited = TestGateway.json(gw.post(gw.admin("/admin/providers/" + id + "/routing-rules"),
                "{\"id\":" + chat.path("id").asLong() + ",\"implementation\":\"unsupported\",\"enabled\":false}"));
        assertThat(edited.path("implementation").asText()).isEqualTo("unsupported");
        long gone = cell(seeded, "count_tokens", "claude").path("id").asLong();
        assertThat(gw.send(gw.admin("/admin/routing-rules/" + gone).DELETE()).statusCode()).isEqualTo(204);
        JsonNode extra = TestGateway.json(gw.post(gw.admin("/admin/providers/" + id + "/routing-rules"),
                "{\"operation\":\"create_image\",\"kind\":\"gemini\",\"implementation\":\"transform_to\","
                        + "\"dest_operation\":\"create_image\",\"dest_kind\":\"open_ai\"}"));

        HttpResponse<String> res = gw.send(gw.admin("/admin/providers/" + id + "/routing-rules/reset")
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()));

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        JsonNode after = TestGateway.json(res);
        assertThat(after).hasSize(seeded.size() + 1);
        JsonNode restored = cell(after, "generate_content", "open_ai_chat_completions");
        assertThat(restored.path("id").asLong()).isEqualTo(chat.path("id").asLong());
        assertThat(restored.path("implementation").asText()).isEqualTo("passthrough");
        assertThat(restored.path("enabled").asBoolean()).isTrue();
        assertThat(cell(after, "count_tokens", "claude").path("implementation").asText())
                .isEqualTo(cell(seeded, "count_tokens", "claude").path("implementation").asText());
        assertThat(cell(after, "create_image", "gemini")).isEqualTo(extra);
        assertThat(rules(id)).isEqualTo(after);
    }

    @Test
    void aBundleImportSeedsNoRoutingRules(@TempDir Path dir) {
        try (JdbcStore store = JdbcStore.open(Settings.sqliteDsn(dir))) {
            Bundle.importInto(store, SecretBox.plaintext(), Json.parse("""
                    {"schema_version": 1, "providers": [{"id": 7, "name": "imported", "channel": "openai"}]}"""));

            assertThat(store.count(Schema.PROVIDERS, Query.all())).isEqualTo(1);
            assertThat(store.count(Schema.ROUTING_RULES, Query.all())).isZero();
        }
    }

    @Test
    void resetOfAnUnknownProviderIs404() {
        HttpResponse<String> res = gw.send(gw.admin("/admin/providers/987654/routing-rules/reset")
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()));

        assertThat(res.statusCode()).isEqualTo(404);
    }

    @Test
    void ruleRowsNameKnownOperationsKindsAndDestinations() {
        long id = provider("validated", "openai", "{}");
        String path = "/admin/providers/" + id + "/routing-rules";

        assertThat(refusedField(path, "{\"operation\":\"speech\",\"kind\":\"open_ai\",\"implementation\":\"local\"}"))
                .isEqualTo("operation");
        assertThat(refusedField(path, "{\"operation\":\"create_image\",\"kind\":\"dall_e\","
                + "\"implementation\":\"local\"}")).isEqualTo("kind");
        assertThat(refusedField(path, "{\"operation\":\"create_image\",\"kind\":\"claude\","
                + "\"implementation\":\"transform_to\"}")).isEqualTo("dest_kind");
        assertThat(refusedField(path, "{\"operation\":\"create_image\",\"kind\":\"claude\","
                + "\"implementation\":\"transform_to\",\"dest_kind\":\"dall_e\"}")).isEqualTo("dest_kind");
        assertThat(refusedField(path, "{\"operation\":\"create_image\",\"kind\":\"claude\","
                + "\"implementation\":\"transform_to\",\"dest_operation\":\"paint\",\"dest_kind\":\"open_ai\"}"))
                .isEqualTo("dest_operation");
        assertThat(refusedField(path, "{\"operation\":\"create_image\",\"kind\":\"claude\","
                + "\"implementation\":\"teleport\"}")).isEqualTo("implementation");
    }

    private static String refusedField(String path, String body) {
        HttpResponse<String> res = gw.post(gw.admin(path), body);
        assertThat(res.statusCode()).as(res.body()).isEqualTo(400);
        return TestGateway.json(res).at("/error/field").asText();
    }

    private static long provider(String name, String channel, String settings) {
        HttpResponse<String> res = gw.post(gw.admin("/admin/providers"),
                "{\"name\":\"" + name + "\",\"channel\":\"" + channel + "\",\"settings_json\":" + settings + "}");
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        return TestGateway.json(res).path("id").asLong();
    }

    private static JsonNode rules(long providerId) {
        return TestGateway.json(gw.send(gw.admin("/admin/providers/" + providerId + "/routing-rules")));
    }

    private static JsonNode cell(JsonNode rows, String operation, String kind) {
        List<JsonNode> found = new ArrayList<>();
        rows.forEach(r -> {
            if (r.path("operation").asText().equals(operation) && r.path("kind").asText().equals(kind)) {
                found.add(r);
            }
        });
        assertThat(found).as(operation + "/" + kind).hasSize(1);
        return found.getFirst();
    }
}
