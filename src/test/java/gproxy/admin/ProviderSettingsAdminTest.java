package gproxy.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;

import gproxy.testing.TestGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Provider settings the data plane would refuse are refused on save, naming the settings key. */
class ProviderSettingsAdminTest {
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
    void aBaseUrlThatIsNotAnAbsoluteHttpUrlIsRefusedAsThatSettingAndNothingIsCreated() {
        HttpResponse<String> res = gw.post(gw.admin("/admin/providers"),
                "{\"name\":\"bad-url\",\"channel\":\"openai\",\"settings_json\":{\"base_url\":\"api.example.com\"}}");

        assertThat(res.statusCode()).isEqualTo(400);
        JsonNode error = TestGateway.json(res).path("error");
        assertThat(error.path("field").asText()).isEqualTo("settings_json.base_url");
        assertThat(error.path("message").asText()).contains("expected: an absolute http or https URL");
        assertThat(gw.send(gw.admin("/admin/providers")).body()).doesNotContain("bad-url");
    }

    @Test
    void headerListsThatAreNotListsOfStringsAreRefusedAsTheirSetting() {
        HttpResponse<String> allowed = gw.post(gw.admin("/admin/providers"),
                "{\"name\":\"bad-allowed\",\"channel\":\"openai\",\"settings_json\":{\"allowed_headers\":\"x-trace\"}}");
        HttpResponse<String> headers = gw.post(gw.admin("/admin/providers"),
                "{\"name\":\"bad-headers\",\"channel\":\"openai\",\"settings_json\":{\"headers\":[\"no colon\"]}}");

        assertThat(allowed.statusCode()).isEqualTo(400);
        assertThat(TestGateway.json(allowed).at("/error/field").asText()).isEqualTo("settings_json.allowed_headers");
        assertThat(headers.statusCode()).isEqualTo(400);
        assertThat(TestGateway.json(headers).at("/error/field").asText()).isEqualTo("settings_json.headers");
    }

    @Test
    void anUpdateWithBadSettingsIsRefusedAndAnUpdateThatLeavesThemAloneIsNot() {
        long id = TestGateway.json(gw.post(gw.admin("/admin/providers"),
                "{\"name\":\"kept\",\"channel\":\"openai\",\"settings_json\":{\"headers\":{\"x-team\":\"a\"}}}"))
                .path("id").asLong();

        HttpResponse<String> bad = gw.post(gw.admin("/admin/providers"),
                "{\"id\":" + id + ",\"settings_json\":{\"base_url\":\"ftp://files.example.com\"}}");
        HttpResponse<String> disable = gw.post(gw.admin("/admin/providers"), "{\"id\":" + id + ",\"enabled\":false}");

        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(TestGateway.json(bad).at("/error/field").asText()).isEqualTo("settings_json.base_url");
        assertThat(disable.statusCode()).as(disable.body()).isEqualTo(200);
        JsonNode stored = TestGateway.json(gw.send(gw.admin("/admin/providers/" + id)));
        assertThat(stored.at("/settings_json/headers/x-team").asText()).isEqualTo("a");
        assertThat(stored.path("enabled").asBoolean()).isFalse();
    }
}
