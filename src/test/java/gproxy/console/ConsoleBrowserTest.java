package gproxy.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import gproxy.testing.FakeResponses;
import gproxy.testing.FakeUpstream;
import gproxy.testing.TestGateway;
import gproxy.testing.Usage;

/**
 * The console in Debian's headless Chromium: an administrator builds a provider, credential, route,
 * user and key through the pages, a gateway call with that key shows up in usage and request logs,
 * and the key's owner, logged in to the portal, sees only their own keys and usage.
 */
class ConsoleBrowserTest extends BrowserTest {
    @Test
    void anAdministratorBuildsTheGatewayInTheConsoleAndItsUserSeesOnlyTheirOwnTraffic() throws IOException {
        try (FakeUpstream upstream = FakeUpstream.start(); TestGateway gateway = TestGateway.start()) {
            upstream.dispatcher(request -> FakeResponses.openAiChat("hello from upstream", Usage.of(12, 5)));
            gateway.adminPost("/admin/instance-settings", "{\"enable_downstream_log\":true}");
            URI console = gateway.uri("/console/");

            browser.open(console.toString());
            browser.login("admin", TestGateway.ADMIN_PASSWORD);
            browser.waitText(By.id("overview-stats"), "providers");
            browser.screenshot("overview");

            browser.page("providers");
            browser.submit("form-provider");
            browser.waitText(By.id("form-provider-name-error"), "name");
            browser.type("form-provider-name", "fake-openai");
            new Select(browser.byId("form-provider-channel")).selectByValue("openai");
            browser.type("form-provider-settings-json-base-url", upstream.url().toString());
            browser.submit("form-provider");
            WebElement row = browser.rowWith("fake-openai");
            row.findElement(By.xpath(".//button[text()='Credentials']")).click();
            browser.type("form-credential-name", "main");
            browser.type("form-credential-secret-json-api-key", "sk-upstream");
            browser.submit("form-credential");
            browser.waitText(By.id("credentials"), "main");
            browser.screenshot("providers");

            browser.page("routes");
            browser.type("form-route-name", "chat");
            browser.submit("form-route");
            browser.rowWith("chat").findElement(By.xpath(".//button[text()='Members']")).click();
            browser.type("form-member-upstream-model-id", FakeResponses.OPENAI_MODEL);
            browser.submit("form-member");
            browser.waitText(By.id("members"), FakeResponses.OPENAI_MODEL);

            browser.page("users");
            browser.type("form-user-name", "alice");
            browser.submit("form-user");
            browser.rowWith("alice").findElement(By.xpath(".//button[text()='Keys']")).click();
            browser.type("form-key-label", "laptop");
            browser.submit("form-key");
            String key = browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("new-secret"))).getText();
            assertThat(key).startsWith("sk-");
            browser.submit("form-permission");
            browser.waitText(By.id("user-detail"), "*");
            browser.screenshot("users");

            HttpResponse<String> call = gateway.post(gateway.request("/v1/chat/completions")
                    .header("Authorization", "Bearer " + key),
                    "{\"model\":\"chat\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
            assertThat(call.statusCode()).as(call.body()).isEqualTo(200);
            assertThat(call.body()).contains("hello from upstream");

            browser.page("usage");
            browser.waitText(By.id("usage-rows"), FakeResponses.OPENAI_MODEL);
            assertThat(browser.driver.findElements(By.cssSelector("#usage-chart svg rect.bar"))).isNotEmpty();
            assertThat(browser.byId("usage-groups").getText()).contains("fake-openai");
            browser.screenshot("usage");

            browser.page("logs");
            browser.waitText(By.id("log-list"), "/v1/chat/completions");
            browser.rowWith("/v1/chat/completions").findElement(By.xpath(".//button[text()='Detail']")).click();
            browser.waitText(By.id("log-detail"), "chat");
            browser.screenshot("logs");

            long alice = Browser.userId(gateway, "alice");
            gateway.adminPost("/admin/users", "{\"id\":" + alice + ",\"password\":\"alice-password-1\"}");
            gateway.user("bob");
            browser.byId("logout").click();
            browser.login("alice", "alice-password-1");
            browser.waitText(By.id("my-keys"), "laptop");
            assertThat(browser.driver.getCurrentUrl()).endsWith("/console/user/keys");
            assertThat(browser.byId("my-keys").getText()).doesNotContain("test");
            assertThat(browser.driver.findElements(By.cssSelector("nav a[data-page='providers']"))).isEmpty();
            browser.screenshot("portal-keys");
            browser.page("usage");
            browser.waitText(By.id("usage-rows"), FakeResponses.OPENAI_MODEL);
            browser.page("connect");
            browser.waitText(By.id("main"), gateway.uri("/").toString().replaceAll("/$", "") + "/v1");
            browser.size(390, 844);
            browser.page("keys");
            browser.waitText(By.id("my-keys"), "laptop");
            assertThat((Long) browser.driver.executeScript("return document.documentElement.scrollWidth"))
                    .as("no horizontal scroll at phone width").isLessThanOrEqualTo(390L);
            browser.screenshot("portal-keys-phone");
        }
        browser.assertNoScriptErrors();
    }

    @Test
    void everyPageRendersWithoutAnErrorAndTheSettingsPageTurnsOnTheDownstreamLog() throws IOException {
        try (TestGateway gateway = TestGateway.start()) {
            browser.size(1280, 900);
            browser.open(gateway.uri("/console/admin/settings").toString());
            browser.login("admin", TestGateway.ADMIN_PASSWORD);
            assertThat(browser.driver.getCurrentUrl()).endsWith("/console/admin/settings");
            WebElement downstream = browser.byId("form-settings-enable-downstream-log");
            assertThat(downstream.isSelected()).isFalse();
            downstream.click();
            browser.submit("form-settings");
            browser.waitText(By.id("form-settings"), "Saved");
            assertThat(TestGateway.json(gateway.send(gateway.admin("/admin/instance-settings")))
                    .path("enable_downstream_log").asBoolean()).isTrue();
            browser.screenshot("settings");
            for (String slug : List.of("overview", "providers", "routes", "users", "usage", "logs", "rule-sets",
                    "prices", "quotas", "audit", "settings")) {
                browser.page(slug);
                browser.assertPageRendered(slug);
            }
            browser.page("audit");
            browser.waitText(By.id("main"), "instance-settings");
            browser.page("rule-sets");
            browser.type("form-rule-set-name", "cache");
            browser.submit("form-rule-set");
            browser.rowWith("cache").findElement(By.xpath(".//button[text()='Rules']")).click();
            browser.type("form-rule-config-json", "{not json");
            browser.submit("form-rule");
            browser.waitText(By.id("form-rule-config-json-error"), "not valid JSON");
            new Select(browser.byId("form-rule-kind")).selectByValue("cache_breakpoint");
            browser.type("form-rule-config-json", "{}");
            browser.submit("form-rule");
            browser.waitText(By.id("rules"), "cache_breakpoint");

            gateway.user("carol");
            long carol = Browser.userId(gateway, "carol");
            gateway.adminPost("/admin/users", "{\"id\":" + carol + ",\"password\":\"carol-password-1\"}");
            browser.byId("logout").click();
            browser.login("carol", "carol-password-1");
            for (String slug : List.of("keys", "usage", "quota", "connect", "password")) {
                browser.page(slug);
                browser.assertPageRendered(slug);
            }
            browser.type("form-password-current-password", "carol-password-1");
            browser.type("form-password-new-password", "carol-password-2");
            browser.submit("form-password");
            browser.waitText(By.id("form-password"), "Saved");
        }
        browser.assertNoScriptErrors();
    }
}
