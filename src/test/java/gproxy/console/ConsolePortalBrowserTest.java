package gproxy.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import com.fasterxml.jackson.databind.JsonNode;

import gproxy.testing.FakeResponses;
import gproxy.testing.FakeUpstream;
import gproxy.testing.TestGateway;
import gproxy.testing.Usage;

/**
 * The portal in headless Chromium: a user renames, disables and deletes their own keys (checked
 * through the admin API), and sees only their own usage, quota, limits and models, never another
 * user's; the connect card names this gateway; a wrong current password is shown next to its field.
 */
class ConsolePortalBrowserTest extends BrowserTest {
    @Test
    void aUserManagesOnlyTheirOwnKeysAndSeesOnlyTheirOwnUsageLimitsAndModels() throws IOException {
        try (FakeUpstream upstream = FakeUpstream.start(); TestGateway gateway = TestGateway.start()) {
            upstream.dispatcher(request -> FakeResponses.openAiChat("hello from upstream", Usage.of(12, 5)));
            long provider = gateway.provider("fake-openai", "openai", upstream.url());
            gateway.credential(provider, "sk-upstream");
            gateway.routeMember(gateway.route("chat", "failover", "{}"), provider, "model-a", 0, 1);
            gateway.routeMember(gateway.route("secret-route", "failover", "{}"), provider, "model-b", 0, 1);
            TestGateway.User alice = gateway.userWithoutPermission("alice");
            gateway.adminPost("/admin/route-permissions", "{\"scope\":\"user\",\"scope_id\":" + alice.id()
                    + ",\"route_pattern\":\"chat\"}");
            gateway.adminPost("/admin/users", "{\"id\":" + alice.id() + ",\"password\":\"alice-password-1\"}");
            gateway.adminPost("/admin/quotas", "{\"scope\":\"user\",\"scope_id\":" + alice.id()
                    + ",\"quota_daily\":\"3\"}");
            gateway.adminPost("/admin/rate-limits", "{\"scope\":\"user\",\"scope_id\":" + alice.id() + ",\"rpm\":42}");
            TestGateway.User bob = gateway.user("bob");
            gateway.adminPost("/admin/users/" + bob.id() + "/keys", "{\"label\":\"bobs-key\"}");
            gateway.adminPost("/admin/rate-limits", "{\"scope\":\"user\",\"scope_id\":" + bob.id() + ",\"rpm\":7}");
            call(gateway, alice.key(), "chat");
            call(gateway, bob.key(), "secret-route");

            browser.size(1280, 900);
            browser.open(gateway.uri("/console/").toString());
            browser.login("alice", "alice-password-1");
            browser.waitText(By.id("my-keys"), "test");
            assertThat(browser.byId("my-keys").getText()).doesNotContain("bobs-key");
            browser.type("form-my-key-label", "laptop");
            browser.submit("form-my-key");
            browser.waitText(By.cssSelector(".shown-once"), "Key laptop ");
            assertThat(browser.byId("new-secret").getText()).startsWith("sk-");
            browser.rowWith("laptop").findElement(By.xpath(".//button[text()='Rename']")).click();
            WebElement rename = browser.driver.switchTo().activeElement();
            rename.clear();
            rename.sendKeys("desktop", Keys.ENTER);
            browser.rowWith("desktop").findElement(By.xpath(".//button[text()='Disable']")).click();
            browser.wait.until(d -> !key(gateway, alice.id(), "desktop").path("enabled").asBoolean(true));
            browser.wait.until(ExpectedConditions.visibilityOfElementLocated(
                    By.xpath("//tr[td[normalize-space(.)='desktop']]//button[text()='Enable']")));
            browser.screenshot("portal-own-keys");
            browser.rowWith("desktop").findElement(By.xpath(".//button[text()='Delete']")).click();
            browser.driver.switchTo().alert().accept();
            browser.wait.until(d -> TestGateway.json(gateway.send(gateway.admin("/admin/users/" + alice.id() + "/keys")))
                    .size() == 1);
            assertThat(key(gateway, alice.id(), "test").path("enabled").asBoolean()).isTrue();
            assertThat(TestGateway.json(gateway.send(gateway.admin("/admin/users/" + bob.id() + "/keys")))).hasSize(2);

            browser.page("usage");
            assertThat(browser.driver.findElements(By.cssSelector("#usage-group option[value='user']"))).isEmpty();
            new Select(browser.byId("usage-group")).selectByValue("route");
            browser.waitText(By.id("usage-chart"), "by route");
            browser.waitText(By.id("usage-groups"), "chat");
            browser.waitText(By.id("usage-rows"), "chat");
            assertThat(browser.byId("usage-groups").getText()).doesNotContain("secret-route");
            assertThat(browser.byId("usage-rows").getText()).doesNotContain("secret-route");
            assertThat(browser.driver.findElements(By.cssSelector("#usage-rows tbody tr"))).hasSize(1);
            browser.screenshot("portal-usage");

            browser.page("quota");
            browser.waitText(By.id("my-quota"), "Daily: $");
            assertThat(browser.byId("my-quota").getText()).contains("/ $3.00").doesNotContain("no limit set");
            browser.waitText(By.id("my-limits"), "42/min");
            assertThat(browser.byId("my-limits").getText()).doesNotContain("7/min");
            browser.waitText(By.id("my-models"), "chat");
            assertThat(browser.byId("my-models").getText()).doesNotContain("*");

            browser.page("connect");
            String origin = gateway.uri("/").toString().replaceAll("/$", "");
            browser.waitText(By.id("main"), origin + "/v1/chat/completions");
            assertThat(browser.byId("main").getText()).contains("OpenAI(base_url=\"" + origin + "/v1\"",
                    "anthropic.Anthropic(base_url=\"" + origin + "\"", "genai.Client(", origin + "/v1/messages");

            browser.page("password");
            browser.type("form-password-current-password", "not-my-password");
            browser.type("form-password-new-password", "alice-password-2");
            browser.submit("form-password");
            browser.waitText(By.id("form-password-current-password-error"), "does not match");
            browser.type("form-password-current-password", "alice-password-1");
            browser.submit("form-password");
            browser.waitText(By.id("form-password"), "Saved");
        }
        browser.assertNoScriptErrors();
    }

    private static void call(TestGateway gateway, String key, String model) {
        HttpResponse<String> res = gateway.post(gateway.request("/v1/chat/completions")
                .header("Authorization", "Bearer " + key),
                "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
    }

    private static JsonNode key(TestGateway gateway, long user, String label) {
        for (JsonNode k : TestGateway.json(gateway.send(gateway.admin("/admin/users/" + user + "/keys")))) {
            if (k.path("label").asText().equals(label)) {
                return k;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }
}
