package gproxy.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

import gproxy.testing.FakeResponses;
import gproxy.testing.FakeUpstream;
import gproxy.testing.TestGateway;
import gproxy.testing.Usage;

/**
 * The rule-sets page in headless Chromium: a preset becomes a rule set attached to a provider, its
 * rules are edited with the API's message next to the config field, magic strings and affinity are
 * switched on in the provider's settings, and a gateway call whose cache marker the fake upstream
 * answers with cache reads shows up as the provider's hit rate.
 */
class ConsoleRuleSetsBrowserTest extends BrowserTest {
    private static final String SET = "claude-message-cache compatibility";
    @Test
    void aPresetAttachedToAProviderInTheConsoleShowsItsCacheHitRate() throws IOException {
        try (FakeUpstream upstream = FakeUpstream.start(); TestGateway gateway = TestGateway.start()) {
            // the fake reads 80 of 100 prompt tokens from its cache when the request carries a marker
            upstream.dispatcher(r -> FakeResponses.claudeMessage("hi", r.bodyText().contains("cache_control")
                    ? new Usage(100, 5, 80) : Usage.of(100, 5)));
            long provider = gateway.provider("anth", "claudeapi", upstream.url());
            gateway.credential(provider, "sk-ant");
            String key = gateway.userKey("agent");

            browser.open(gateway.uri("/console/").toString());
            browser.login("admin", TestGateway.ADMIN_PASSWORD);
            browser.page("rule-sets");
            browser.assertPageRendered("rule-sets");
            new Select(browser.byId("preset-provider")).selectByVisibleText("anth");
            browser.byId("preset-apply-claude-message-cache").click();
            browser.waitText(By.id("preset-status"), "attached to anth");
            browser.waitText(By.id("rule-set-list"), SET);
            browser.waitText(By.id("attachment-list"), SET);
            browser.screenshot("rule-sets-preset");

            browser.rowWith(SET).findElement(By.xpath(".//button[text()='Rules']")).click();
            browser.waitText(By.id("rule-list"), "cache_breakpoint");
            new Select(browser.byId("form-rule-kind")).selectByValue("system_text");
            browser.type("form-rule-config-json", "{\"text\":\"Be brief.\",\"position\":\"sideways\"}");
            browser.submit("form-rule");
            browser.waitText(By.id("form-rule-config-json-error"), "sideways");
            browser.type("form-rule-config-json", "{\"text\":\"Be brief.\",\"position\":\"append\"}");
            browser.submit("form-rule");
            browser.waitText(By.id("rule-list"), "system_text");
            browser.screenshot("rule-sets-rules");

            HttpResponse<String> call = gateway.post(gateway.request("/v1/messages").header("x-api-key", key)
                    .header("anthropic-version", "2023-06-01"), "{\"model\":\"anth/claude-sonnet-4\",\"max_tokens\":16,"
                    + "\"system\":\"Long agent instructions.\",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}");
            assertThat(call.statusCode()).as(call.body()).isEqualTo(200);
            String sent = upstream.takeRequest().bodyText();
            assertThat(sent).contains("cache_control").contains("Be brief.");

            new Select(browser.byId("cache-target")).selectByVisibleText("provider anth");
            browser.byId("cache-magic").click();
            browser.byId("cache-affinity").click();
            browser.type("cache-affinity-ttl", "600");
            browser.submit("form-cache-settings");
            browser.waitText(By.id("cache-settings-status"), "Saved");
            var settings = TestGateway.json(gateway.send(gateway.admin("/admin/providers/" + provider)))
                    .path("settings_json");
            assertThat(settings.path("enable_magic_cache").asBoolean()).isTrue();
            assertThat(settings.at("/affinity/ttl_seconds").asInt()).isEqualTo(600);
            assertThat(settings.path("base_url").asText()).as("other settings are kept").isEqualTo(upstream.url().toString());

            browser.submit("cache-form");
            browser.waitText(By.id("cache-by-provider"), "80.0 %");
            browser.waitText(By.id("cache-by-model"), "claude-sonnet-4");
            assertThat(browser.byId("cache-by-model").getText()).contains("anth").contains("80.0 %");
            browser.screenshot("rule-sets-cache");

            browser.driver.findElement(By.xpath("//div[@id='attachment-list']//tr[td[normalize-space(.)='" + SET
                    + "']]//button[text()='Disable']")).click();
            browser.waitText(By.id("attachment-list"), "no");
            assertThat(TestGateway.json(gateway.send(gateway.admin("/admin/providers/" + provider + "/rule-sets")))
                    .get(0).path("enabled").asBoolean()).isFalse();
        }
        browser.assertNoScriptErrors();
    }
}
