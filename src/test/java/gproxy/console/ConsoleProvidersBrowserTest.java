package gproxy.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import gproxy.testing.FakeResponse;
import gproxy.testing.FakeResponses;
import gproxy.testing.FakeUpstream;
import gproxy.testing.TestGateway;
import gproxy.testing.Usage;

/**
 * The provider side of the console in headless Chromium against the real server and a fake
 * upstream: the channel-driven provider form, bulk credential import, reveal, health and its reset,
 * the live model pull and import, routing-rule edit and reset; then routes with tiered members,
 * aliases, price rules with tiers and instance settings. Every step is checked through the admin API.
 */
class ConsoleProvidersBrowserTest extends BrowserTest {
    private static final String MODEL_LIST = "{\"object\":\"list\",\"data\":[{\"id\":\"gpt-4o\",\"object\":\"model\"},"
            + "{\"id\":\"gpt-4o-mini\",\"object\":\"model\"}]}";
    /** The elements reaching past the viewport, for the phone-width failure message. */
    private static final String WIDER = "return [...document.querySelectorAll('body *')].filter(e => "
            + "e.getBoundingClientRect().right > innerWidth && !e.parentElement.closest('.table-wrap'))"
            + ".map(e => e.tagName + '#' + e.id + '.' + e.className + ':' + Math.round(e.getBoundingClientRect().right))"
            + ".slice(0, 8).join(' ') + ' scrollWidth ' + document.documentElement.scrollWidth + ' innerWidth ' + innerWidth";
    @Test
    void anOperatorBuildsAProviderWithCredentialsHealthModelsAndRoutingRulesInTheConsole() throws IOException {
        try (FakeUpstream upstream = FakeUpstream.start(); TestGateway gateway = TestGateway.start()) {
            upstream.dispatcher(r -> r.path().equals("/v1/models") ? FakeResponse.json(MODEL_LIST)
                    : FakeResponses.openAiError(429, "slow down"));
            browser.size(1280, 900);
            browser.open(gateway.uri("/console/admin/providers").toString());
            browser.login("admin", TestGateway.ADMIN_PASSWORD);

            // the form follows the channel's declared settings; the name survives a channel switch
            browser.type("form-provider-name", "fake-openai");
            new Select(browser.byId("form-provider-channel")).selectByValue("azure");
            browser.byId("form-provider-settings-json-api-version");
            assertThat(browser.byId("form-provider-name").getDomProperty("value")).isEqualTo("fake-openai");
            new Select(browser.byId("form-provider-channel")).selectByValue("openai");
            browser.wait.until(d -> d.findElements(By.id("form-provider-settings-json-api-version")).isEmpty());
            assertThat(browser.byId("form-provider-settings-json-base-url-hint").getText()).contains("Upstream origin");
            browser.type("form-provider-settings-json-base-url", "api.example.com");
            browser.submit("form-provider");
            browser.waitText(By.id("form-provider-settings-json-base-url-error"), "expected: an absolute http or https URL");
            browser.type("form-provider-settings-json-base-url", upstream.url().toString());
            browser.type("form-provider-settings-json-allowed-headers", "[\"x-trace-id\"]");
            browser.submit("form-provider");
            browser.waitText(By.id("providers-status"), "Saved provider fake-openai");
            JsonNode provider = provider(gateway, "fake-openai");
            long pid = provider.path("id").asLong();
            assertThat(provider.at("/settings_json/base_url").asText()).isEqualTo(upstream.url().toString());
            assertThat(provider.at("/settings_json/allowed_headers/0").asText()).isEqualTo("x-trace-id");

            // edit keeps the channel (disabled) and the settings the form does not show
            gateway.adminPost("/admin/providers", "{\"id\":" + pid + ",\"settings_json\":{\"base_url\":\""
                    + upstream.url() + "\",\"allowed_headers\":[\"x-trace-id\"],\"tokenizer_map\":{\"gpt-*\":\"o200k\"}}}");
            browser.page("routes");
            browser.page("providers");
            rowButton("fake-openai", "Edit").click();
            assertThat(browser.byId("form-provider-channel").isEnabled()).isFalse();
            browser.type("form-provider-label", "primary");
            browser.submit("form-provider");
            browser.waitText(By.id("providers-status"), "Saved provider fake-openai");
            provider = provider(gateway, "fake-openai");
            assertThat(provider.path("label").asText()).isEqualTo("primary");
            assertThat(provider.at("/settings_json/tokenizer_map/gpt-*").asText()).isEqualTo("o200k");
            rowButton("fake-openai", "Disable").click();
            browser.waitText(By.id("providers-status"), "Disabled fake-openai");
            assertThat(provider(gateway, "fake-openai").path("enabled").asBoolean()).isFalse();
            rowButton("fake-openai", "Enable").click();
            browser.waitText(By.id("providers-status"), "Enabled fake-openai");
            assertThat(provider(gateway, "fake-openai").path("enabled").asBoolean()).isTrue();

            // three keys at once, then a re-import: one already stored, one refused with its reason
            rowButton("fake-openai", "Credentials").click();
            browser.type("credential-import-text", "sk-one\n\nsk-two\nsk-three");
            browser.submit("form-credential-import");
            browser.waitText(By.id("credential-import-status"), "3 created, 0 already stored, 0 with errors");
            JsonNode creds = TestGateway.json(gateway.send(gateway.admin("/admin/providers/" + pid + "/credentials")));
            assertThat(creds).extracting(c -> c.path("name").asText())
                    .containsExactly("imported-1", "imported-2", "imported-3");
            assertThat(creds).allMatch(c -> c.path("has_secret").asBoolean() && !c.has("secret_json"));
            browser.waitText(By.id("credential-list"), "imported-3");
            browser.type("credential-import-text", "[\"sk-two\", {\"id\": 7, \"secret_json\": {\"api_key\": \"sk-x\"}}]");
            browser.submit("form-credential-import");
            browser.waitText(By.id("credential-import-status"), "0 created, 1 already stored, 1 with errors");
            assertThat(browser.byId("credential-import-results").getText())
                    .contains("existing").contains("id: import only creates");

            long second = creds.get(1).path("id").asLong();
            rowButton("imported-2", "Reveal").click();
            browser.waitText(By.id("revealed-secret"), "sk-two");
            assertThat(TestGateway.json(gateway.send(gateway.admin("/admin/audit?limit=20"))))
                    .anyMatch(a -> a.path("target").asText().equals("/admin/credentials/" + second + "/secret"));
            browser.driver.findElement(By.xpath("//div[@id='revealed']//button[text()='Hide']")).click();
            assertThat(browser.driver.findElements(By.id("revealed-secret"))).isEmpty();
            browser.screenshot("provider-credentials");
            rowButton("imported-3", "Disable").click();
            browser.waitText(By.id("credentials-status"), "Disabled imported-3");
            assertThat(TestGateway.json(gateway.send(gateway.admin("/admin/providers/" + pid + "/credentials/"
                    + creds.get(2).path("id").asLong()))).path("enabled").asBoolean()).isFalse();
            rowButton("imported-3", "Enable").click();
            browser.waitText(By.id("credentials-status"), "Enabled imported-3");

            // a rate-limited call marks the credential+model pair; the Health tab shows it and resets it
            long route = gateway.route("chat", "failover", "{}");
            gateway.routeMember(route, pid, FakeResponses.OPENAI_MODEL, 0, 100);
            HttpResponse<String> call = gateway.post(gateway.request("/v1/chat/completions")
                    .header("Authorization", "Bearer " + gateway.userKey("ops")),
                    "{\"model\":\"chat\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
            assertThat(call.statusCode()).as(call.body()).isGreaterThanOrEqualTo(400);
            browser.wait.until(d -> !limited(gateway).isEmpty());
            int limitedRows = limited(gateway).size();
            browser.byId("tab-health").click();
            browser.waitText(By.id("model-health"), "rate_limited");
            assertThat(browser.byId("model-health").getText()).contains(FakeResponses.OPENAI_MODEL);
            browser.screenshot("provider-health");
            browser.driver.findElement(By.xpath("//div[@id='model-health']//tr[td[contains(.,'rate_limited')]]"
                    + "//button[text()='Reset']")).click();
            browser.waitText(By.id("health-status"), "reset");
            assertThat(limited(gateway)).hasSize(limitedRows - 1);

            // the tabs follow the arrow keys; the model pull lists the upstream's models to import
            browser.byId("tab-health").sendKeys(Keys.ARROW_RIGHT);
            browser.wait.until(d -> "true".equals(browser.byId("tab-models").getDomAttribute("aria-selected")));
            browser.byId("pull-models").click();
            browser.waitText(By.id("upstream-models"), "gpt-4o-mini");
            browser.driver.findElement(By.xpath("//div[@id='upstream-models']//label[contains(.,'gpt-4o-mini')]/input")).click();
            browser.byId("import-models").click();
            browser.waitText(By.id("models-status"), "Imported 1 model: gpt-4o-mini");
            assertThat(TestGateway.json(gateway.send(gateway.admin("/admin/providers/" + pid + "/models"))))
                    .extracting(m -> m.path("model_id").asText()).containsExactly("gpt-4o-mini");
            browser.waitText(By.id("provider-models"), "gpt-4o-mini");
            browser.waitText(By.id("upstream-models"), "gpt-4o-mini (imported)");
            browser.screenshot("provider-models");
            browser.type("form-model-model-id", "my-finetune");
            browser.type("form-model-context-window", "128000");
            browser.submit("form-model");
            browser.waitText(By.id("provider-models"), "my-finetune");
            assertThat(TestGateway.json(gateway.send(gateway.admin("/admin/providers/" + pid + "/models"))))
                    .anyMatch(m -> m.path("model_id").asText().equals("my-finetune") && m.path("context_window").asLong() == 128000);
            rowButton("my-finetune", "Delete").click();
            browser.wait.until(ExpectedConditions.alertIsPresent()).accept();
            browser.wait.until(d -> !browser.byId("provider-models").getText().contains("my-finetune"));
            assertThat(TestGateway.json(gateway.send(gateway.admin("/admin/providers/" + pid + "/models"))))
                    .extracting(m -> m.path("model_id").asText()).containsExactly("gpt-4o-mini");

            // edit one routing rule, see it marked changed, reset to the channel's defaults
            browser.byId("tab-routing-rules").click();
            browser.waitText(By.id("routing-rule-list"), "channel default");
            JsonNode rule = TestGateway.json(gateway.send(gateway.admin("/admin/providers/" + pid + "/routing-rules"))).get(0);
            String original = rule.path("implementation").asText();
            browser.driver.findElement(By.xpath("(//div[@id='routing-rule-list']//tbody/tr)[1]//button[text()='Edit']")).click();
            new Select(browser.byId("form-routing-rule-implementation")).selectByValue("unsupported");
            browser.submit("form-routing-rule");
            browser.waitText(By.id("routing-rule-list"), "changed");
            assertThat(routingRule(gateway, pid, rule.path("id").asLong()).path("implementation").asText()).isEqualTo("unsupported");
            browser.screenshot("provider-routing-rules");
            browser.byId("reset-routing").click();
            browser.wait.until(ExpectedConditions.alertIsPresent()).accept();
            browser.waitText(By.id("routing-status"), "Reset to channel defaults");
            browser.wait.until(d -> !browser.byId("routing-rule-list").getText().contains("changed"));
            JsonNode after = TestGateway.json(gateway.send(gateway.admin("/admin/providers/" + pid + "/routing-rules")));
            assertThat(after).filteredOn(r -> r.path("operation").asText().equals(rule.path("operation").asText())
                    && r.path("kind").asText().equals(rule.path("kind").asText()))
                    .extracting(r -> r.path("implementation").asText()).containsExactly(original);

            // at phone width the page does not scroll sideways
            browser.size(390, 844);
            browser.page("routes");
            browser.page("providers");
            rowButton("fake-openai", "Credentials").click();
            browser.waitText(By.id("credential-list"), "imported-3");
            assertThat((Long) browser.driver.executeScript("return document.documentElement.scrollWidth"))
                    .as("no horizontal scroll at phone width; wider: %s", browser.driver.executeScript(WIDER))
                    .isLessThanOrEqualTo(390L);
            browser.screenshot("providers-phone");
            browser.size(1280, 900);
        }
        browser.assertNoScriptErrors();
    }

    @Test
    void routesWithTieredMembersAliasesPriceTiersAndSettingsAreManagedFromTheConsole() throws IOException {
        try (FakeUpstream upstream = FakeUpstream.start(); TestGateway gateway = TestGateway.start()) {
            upstream.dispatcher(r -> FakeResponses.openAiChat("from the upstream", Usage.of(2000, 10)));
            long first = gateway.provider("first", "openai", upstream.url());
            long backup = gateway.provider("backup", "openai", upstream.url());
            gateway.credential(first, "sk-first");
            gateway.credential(backup, "sk-backup");
            gateway.providerModel(first, "gpt-4o-mini");
            browser.size(1280, 900);
            browser.open(gateway.uri("/console/admin/routes").toString());
            browser.login("admin", TestGateway.ADMIN_PASSWORD);

            browser.type("form-route-name", "smart");
            new Select(browser.byId("form-route-strategy")).selectByValue("failover");
            browser.submit("form-route");
            rowButton("smart", "Members").click();
            new Select(browser.byId("form-member-provider-id")).selectByVisibleText("first");
            browser.type("form-member-upstream-model-id", "gpt-4o-mini");
            browser.submit("form-member");
            browser.waitText(By.id("member-list"), "gpt-4o-mini");
            new Select(browser.byId("form-member-provider-id")).selectByVisibleText("backup");
            browser.type("form-member-upstream-model-id", "gpt-4o");
            browser.type("form-member-tier", "1");
            browser.type("form-member-weight", "50");
            browser.submit("form-member");
            browser.waitText(By.id("member-list"), "gpt-4o");
            long route = TestGateway.json(gateway.send(gateway.admin("/admin/routes"))).get(0).path("id").asLong();
            JsonNode members = TestGateway.json(gateway.send(gateway.admin("/admin/routes/" + route + "/members")));
            assertThat(members).extracting(m -> m.path("provider_id").asLong() + ":" + m.path("upstream_model_id").asText()
                    + ":" + m.path("tier").asInt() + ":" + m.path("weight").asInt())
                    .containsExactlyInAnyOrder(first + ":gpt-4o-mini:0:100", backup + ":gpt-4o:1:50");

            browser.type("form-alias-alias", "fast");
            browser.type("form-alias-target", "smart");
            browser.submit("form-alias");
            browser.waitText(By.id("alias-list"), "fast");
            rowButton("fast", "Edit").click();
            browser.type("form-alias-sort-order", "5");
            browser.submit("form-alias");
            browser.waitText(By.id("alias-list"), "5");
            JsonNode alias = TestGateway.json(gateway.send(gateway.admin("/admin/aliases"))).get(0);
            assertThat(alias.path("target").asText()).isEqualTo("smart");
            assertThat(alias.path("sort_order").asInt()).isEqualTo(5);
            assertThat(alias.path("provider").asText()).isEqualTo("*");
            browser.screenshot("routes");

            // the alias reaches the route, whose tier 0 member answers
            HttpResponse<String> call = gateway.post(gateway.request("/v1/chat/completions")
                    .header("Authorization", "Bearer " + gateway.userKey("ops")),
                    "{\"model\":\"fast\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
            assertThat(call.statusCode()).as(call.body()).isEqualTo(200);
            assertThat(upstream.takeRequest().bodyJson().path("model").asText()).isEqualTo("gpt-4o-mini");
            rowButton("fast", "Delete").click();
            browser.wait.until(ExpectedConditions.alertIsPresent()).accept();
            browser.waitText(By.id("alias-list"), "Nothing yet.");
            assertThat(TestGateway.json(gateway.send(gateway.admin("/admin/aliases")))).isEmpty();

            browser.page("prices");
            browser.type("form-price-rule-model-match", "gpt-4o-mini");
            browser.type("form-price-rule-input-price", "lots");
            browser.submit("form-price-rule");
            browser.waitText(By.id("form-price-rule-input-price-error"), "USD");
            browser.type("form-price-rule-input-price", "2.5");
            browser.type("form-price-rule-output-price", "10");
            browser.byId("add-tier").click();
            browser.type("tier-0-min-prompt-tokens", "1000");
            browser.type("tier-0-input-price", "5");
            browser.submit("form-price-rule");
            browser.waitText(By.id("price-list"), "≥1000: input 5");
            JsonNode price = TestGateway.json(gateway.send(gateway.admin("/admin/price-rules"))).get(0);
            assertThat(price.path("model_match").asText()).isEqualTo("gpt-4o-mini");
            assertThat(price.path("input_price").asText()).isEqualTo("2.5");
            assertThat(price.path("output_price").asText()).isEqualTo("10");
            assertThat(price.path("provider_id").isNull()).isTrue();
            assertThat(price.at("/pricing_tiers_json/0/min_prompt_tokens").asInt()).isEqualTo(1000);
            assertThat(price.at("/pricing_tiers_json/0/input_price").asText()).isEqualTo("5");
            rowButton("gpt-4o-mini", "Edit").click();
            assertThat(browser.byId("tier-1-input-price").getDomProperty("value")).isEqualTo("5");
            browser.screenshot("prices");

            browser.page("settings");
            browser.type("form-settings-retention-days", "30");
            browser.byId("form-settings-enable-tokenizer-download").click();
            browser.submit("form-settings");
            browser.waitText(By.id("form-settings"), "Saved");
            JsonNode settings = TestGateway.json(gateway.send(gateway.admin("/admin/instance-settings")));
            assertThat(settings.path("retention_days").asInt()).isEqualTo(30);
            assertThat(settings.path("enable_tokenizer_download").asBoolean()).isTrue();
            browser.byId("form-settings-retention-days").clear();
            browser.submit("form-settings");
            browser.wait.until(d -> TestGateway.json(gateway.send(gateway.admin("/admin/instance-settings")))
                    .path("retention_days").isNull());
            assertThat(browser.byId("form-settings-enable-tokenizer-download").isSelected()).isTrue();
            browser.screenshot("settings-tokenizer");
        }
        browser.assertNoScriptErrors();
    }

    private static WebElement rowButton(String cell, String label) {
        return browser.rowWith(cell).findElement(By.xpath(".//button[text()='" + label + "']"));
    }

    private static JsonNode provider(TestGateway gateway, String name) {
        for (JsonNode p : TestGateway.json(gateway.send(gateway.admin("/admin/providers")))) {
            if (p.path("name").asText().equals(name)) {
                return p;
            }
        }
        throw new AssertionError("no provider " + name);
    }

    private static JsonNode routingRule(TestGateway gateway, long pid, long id) {
        for (JsonNode r : TestGateway.json(gateway.send(gateway.admin("/admin/providers/" + pid + "/routing-rules")))) {
            if (r.path("id").asLong() == id) {
                return r;
            }
        }
        throw new AssertionError("no routing rule " + id);
    }

    /** The rate-limited credential+model rows the health recorder has written so far. */
    private static List<JsonNode> limited(TestGateway gateway) {
        List<JsonNode> out = new ArrayList<>();
        TestGateway.json(gateway.send(gateway.admin("/admin/credential-model-statuses?health_kind=rate_limited")))
                .forEach(out::add);
        return out;
    }
}
