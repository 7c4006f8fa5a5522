package gproxy.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

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
 * The people and observability pages in headless Chromium, each step checked against the admin API:
 * orgs, teams, users and keys (rename, disable, delete, a batch disable of two keys), a quota with
 * its spend, usage stacked by model and by user, log filters narrowing to one request with its
 * upstream attempt and captured bodies, and audit filters.
 */
class ConsolePeopleBrowserTest extends BrowserTest {
    @Test
    void orgsTeamsUsersAndKeysAreManagedInTheConsoleAndTwoKeysAreDisabledInOneBatch() throws IOException {
        try (TestGateway gateway = TestGateway.start()) {
            browser.size(1280, 900);
            browser.open(gateway.uri("/console/admin/orgs").toString());
            browser.login("admin", TestGateway.ADMIN_PASSWORD);

            browser.submit("form-org");
            browser.waitText(By.id("form-org-name-error"), "name");
            browser.type("form-org-name", "acme");
            browser.submit("form-org");
            browser.rowWith("acme").findElement(By.xpath(".//button[text()='Teams']")).click();
            browser.type("form-team-name", "red");
            browser.submit("form-team");
            browser.rowWith("red").findElement(By.xpath(".//button[text()='Rename']")).click();
            WebElement rename = browser.driver.switchTo().activeElement();
            rename.clear();
            rename.sendKeys("blue", Keys.ENTER);
            browser.rowWith("blue");
            long org = byName(gateway, "/admin/orgs", "acme").path("id").asLong();
            long team = byName(gateway, "/admin/orgs/" + org + "/teams", "blue").path("id").asLong();
            browser.screenshot("orgs");

            browser.page("users");
            browser.type("form-user-name", "dave");
            new Select(browser.byId("form-user-team-id")).selectByVisibleText("acme / blue");
            browser.submit("form-user");
            browser.waitText(By.id("form-user-team-id-error"), "expected: org_id " + org);
            new Select(browser.byId("form-user-org-id")).selectByVisibleText("acme");
            browser.type("form-user-password", "dave-password-1");
            browser.submit("form-user");
            WebElement dave = browser.rowWith("dave");
            assertThat(dave.getText()).contains("acme", "blue", "set");
            JsonNode daveRow = byName(gateway, "/admin/users", "dave");
            assertThat(daveRow.path("org_id").asLong()).isEqualTo(org);
            assertThat(daveRow.path("team_id").asLong()).isEqualTo(team);
            assertThat(daveRow.path("has_password").asBoolean()).isTrue();
            browser.type("form-user-name", "erin");
            browser.submit("form-user");
            browser.rowWith("erin");

            browser.rowWith("dave").findElement(By.xpath(".//button[text()='Disable']")).click();
            browser.wait.until(d -> !byName(gateway, "/admin/users", "dave").path("enabled").asBoolean());
            browser.wait.until(ExpectedConditions.visibilityOfElementLocated(
                    By.xpath("//tr[td[normalize-space(.)='dave']]//button[text()='Enable']")));
            batch("user-list", List.of("dave", "erin"), "Disable");
            browser.waitText(By.id("users-note"), "Disable: 2 done");
            assertThat(byName(gateway, "/admin/users", "erin").path("enabled").asBoolean()).isFalse();
            batch("user-list", List.of("dave", "erin"), "Enable");
            browser.waitText(By.id("users-note"), "Enable: 2 done");
            assertThat(byName(gateway, "/admin/users", "dave").path("enabled").asBoolean()).isTrue();
            assertThat(byName(gateway, "/admin/users", "erin").path("enabled").asBoolean()).isTrue();

            browser.rowWith("dave").findElement(By.xpath(".//button[text()='Keys']")).click();
            List<String> secrets = new ArrayList<>();
            for (String label : List.of("k1", "k2", "k3")) {
                browser.type("form-key-label", label);
                browser.submit("form-key");
                browser.waitText(By.cssSelector(".shown-once"), "Key " + label + " ");
                secrets.add(browser.byId("new-secret").getText());
                browser.rowWith(label);
            }
            assertThat(secrets).doesNotHaveDuplicates();
            assertThat(browser.driver.findElements(By.xpath("//div[contains(@class,'shown-once')]//button[text()='Copy']")))
                    .hasSize(1);
            assertThat(browser.byId("user-keys").getText()).doesNotContain(secrets.get(2));
            browser.rowWith("k3").findElement(By.xpath(".//button[text()='Rename']")).click();
            rename = browser.driver.switchTo().activeElement();
            rename.clear();
            rename.sendKeys("k3-renamed", Keys.ENTER);
            browser.rowWith("k3-renamed");
            String keysPath = "/admin/users/" + daveRow.path("id").asLong() + "/keys";
            batch("user-keys", List.of("k1", "k2"), "Disable");
            browser.waitText(By.id("keys-note"), "Disable: 2 done");
            assertThat(byName(gateway, keysPath, "k1", "label").path("enabled").asBoolean()).isFalse();
            assertThat(byName(gateway, keysPath, "k2", "label").path("enabled").asBoolean()).isFalse();
            assertThat(byName(gateway, keysPath, "k3-renamed", "label").path("enabled").asBoolean()).isTrue();
            browser.wait.until(d -> gateway.send(gateway.request("/v1/models")
                    .header("Authorization", "Bearer " + secrets.get(0))).statusCode() == 401);
            browser.rowWith("k3-renamed").findElement(By.xpath(".//button[text()='Delete']")).click();
            browser.driver.switchTo().alert().accept();
            browser.wait.until(d -> TestGateway.json(gateway.send(gateway.admin(keysPath))).size() == 2);
            browser.wait.until(ExpectedConditions.invisibilityOfElementLocated(
                    By.xpath("//tr[td[normalize-space(.)='k3-renamed']]")));
            batch("user-keys", List.of("k1"), "Delete");
            browser.driver.switchTo().alert().accept();
            browser.waitText(By.id("keys-note"), "Delete: 1 done");
            assertThat(TestGateway.json(gateway.send(gateway.admin(keysPath)))).singleElement()
                    .satisfies(k -> assertThat(k.path("label").asText()).isEqualTo("k2"));

            browser.submit("form-permission");
            browser.waitText(By.id("form-permission-list"), "*");
            browser.type("form-user-rate-limit-rpm", "-1");
            browser.submit("form-user-rate-limit");
            browser.waitText(By.id("form-user-rate-limit-rpm-error"), "expected");
            browser.type("form-user-rate-limit-rpm", "60");
            browser.submit("form-user-rate-limit");
            browser.waitText(By.id("form-user-rate-limit-list"), "60/min");
            browser.type("form-user-quota-quota-daily", "2.5");
            browser.submit("form-user-quota");
            browser.waitText(By.id("form-user-quota-list"), "Daily: $0.0000 / $2.50 (0 %)");
            // nothing of this user's is in flight: the reservations column reads the cache's zero
            browser.wait.until(d -> d.findElement(By.cssSelector("#form-user-quota-list .pending")).getText()
                    .equals("$0.0000"));
            browser.screenshot("user-detail");

            browser.size(390, 844);
            browser.page("users");
            browser.rowWith("dave");
            assertThat((Long) browser.driver.executeScript("return document.documentElement.scrollWidth"))
                    .as("the page itself does not scroll sideways at phone width (tables scroll in their box)")
                    .isLessThanOrEqualTo(390L);
            browser.screenshot("users-phone");
            browser.size(1280, 900);
        }
        browser.assertNoScriptErrors();
    }

    @Test
    void usageGroupsByModelAndUserAndLogAndAuditFiltersNarrowToOneRequest() throws IOException {
        try (FakeUpstream upstream = FakeUpstream.start(); TestGateway gateway = TestGateway.start()) {
            upstream.dispatcher(request -> FakeResponses.openAiChat("hello from upstream", Usage.of(12, 5)));
            gateway.adminPost("/admin/instance-settings", "{\"enable_downstream_log\":true,"
                    + "\"enable_downstream_log_body\":true,\"enable_upstream_log\":true,\"enable_upstream_log_body\":true}");
            long provider = gateway.provider("fake-openai", "openai", upstream.url());
            gateway.credential(provider, "sk-upstream");
            gateway.routeMember(gateway.route("chat", "failover", "{}"), provider, "model-a", 0, 1);
            gateway.routeMember(gateway.route("fast", "failover", "{}"), provider, "model-b", 0, 1);
            gateway.adminPost("/admin/price-rules", "{\"match_type\":\"contains\",\"model_match\":\"model\","
                    + "\"input_price\":\"1000\",\"output_price\":\"1000\"}");
            TestGateway.User alice = gateway.user("alice");
            TestGateway.User bob = gateway.user("bob");
            long quota = gateway.adminPost("/admin/quotas", "{\"scope\":\"user\",\"scope_id\":" + bob.id()
                    + ",\"quota_total\":\"10\"}").path("id").asLong();
            call(gateway, alice.key(), "chat", "hi from alice");
            call(gateway, bob.key(), "fast", "hi from bob");
            JsonNode bobQuota = byName(gateway, "/admin/quotas", String.valueOf(quota), "id");
            double spent = bobQuota.path("cost_used").asDouble();
            assertThat(spent).as("the price rule priced bob's call").isPositive();
            gateway.adminPost("/admin/quotas", "{\"id\":" + quota + ",\"quota_total\":\""
                    + String.format(java.util.Locale.ROOT, "%.6f", spent * 1.1) + "\"}");

            browser.size(1280, 900);
            browser.open(gateway.uri("/").toString());
            assertThat(browser.driver.getCurrentUrl()).as("/ redirects to the console").contains("/console/");
            browser.login("admin", TestGateway.ADMIN_PASSWORD);
            browser.waitText(By.id("overview-hot-quotas"), "1");
            browser.waitText(By.id("overview-quotas"), "user bob");
            assertThat(browser.byId("overview-stats").getText()).contains("2\nrequests today");
            browser.screenshot("people-overview");

            browser.page("usage");
            new Select(browser.byId("usage-group")).selectByValue("model");
            List<String> models = new ArrayList<>();
            TestGateway.json(gateway.send(gateway.admin("/admin/usage"))).forEach(u -> models.add(u.path("model").asText()));
            assertThat(models).hasSize(2).doesNotHaveDuplicates();
            browser.waitText(By.id("usage-chart"), "by model");
            for (String model : models) {
                browser.waitText(By.id("usage-groups"), model);
                browser.waitText(By.cssSelector("#usage-chart-requests .legend"), model);
            }
            assertThat(browser.driver.findElements(By.cssSelector("#usage-chart-tokens rect.bar"))).hasSize(2);
            new Select(browser.byId("usage-group")).selectByValue("user");
            browser.waitText(By.id("usage-chart"), "by user");
            browser.waitText(By.id("usage-groups"), "alice");
            browser.waitText(By.id("usage-groups"), "bob");
            new Select(browser.byId("usage-filters-user_id")).selectByVisibleText("bob");
            browser.submit("usage-filters");
            browser.wait.until(d -> d.findElements(By.cssSelector("#usage-rows tbody tr")).size() == 1);
            assertThat(browser.byId("usage-rows").getText()).contains("bob").doesNotContain("alice");
            browser.screenshot("people-usage");

            browser.page("logs");
            browser.waitText(By.id("log-list"), "/v1/chat/completions");
            assertThat(browser.driver.findElements(By.cssSelector("#log-list tbody tr"))).hasSize(2);
            browser.type("log-filters-status", "200");
            new Select(browser.byId("log-filters-user_id")).selectByVisibleText("alice");
            browser.type("log-filters-path", "/v1/chat/completions");
            browser.submit("log-filters");
            browser.wait.until(d -> d.findElements(By.cssSelector("#log-list tbody tr")).size() == 1);
            WebElement only = browser.rowWith("alice");
            only.findElement(By.xpath(".//button[text()='Detail']")).click();
            browser.waitText(By.id("log-detail"), "Upstream attempts (1)");
            String detail = browser.byId("log-detail").getText();
            assertThat(detail).contains("hi from alice", "hello from upstream", upstream.url().getPort() + "")
                    .doesNotContain("hi from bob");
            browser.screenshot("people-logs");

            browser.page("audit");
            browser.waitText(By.id("audit-list"), "/admin/quotas");
            new Select(browser.byId("audit-filters-action")).selectByValue("POST");
            browser.type("audit-filters-target", "/admin/quotas");
            browser.submit("audit-filters");
            browser.wait.until(d -> d.findElements(By.cssSelector("#audit-list tbody tr")).size() == 2);
            for (WebElement row : browser.driver.findElements(By.cssSelector("#audit-list tbody tr"))) {
                assertThat(row.getText()).contains("POST", "/admin/quotas");
            }
            browser.type("audit-filters-target", "/admin/nothing");
            browser.submit("audit-filters");
            browser.waitText(By.id("audit-list"), "Nothing yet.");
            browser.screenshot("people-audit");
        }
        browser.assertNoScriptErrors();
    }

    private static void call(TestGateway gateway, String key, String model, String text) {
        HttpResponse<String> res = gateway.post(gateway.request("/v1/chat/completions")
                .header("Authorization", "Bearer " + key),
                "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]}");
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
    }

    /** Ticks the rows whose label is in {@code labels} inside {@code container}, then runs a batch action. */
    private static void batch(String container, List<String> labels, String action) {
        for (String label : labels) {
            browser.wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#" + container
                    + " input[aria-label='Select " + label + "']"))).click();
        }
        browser.wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//div[@id='" + container
                + "']//div[contains(@class,'batch-bar')]/button[text()='" + action + "']"))).click();
    }

    private static JsonNode byName(TestGateway gateway, String path, String name) {
        return byName(gateway, path, name, "name");
    }

    private static JsonNode byName(TestGateway gateway, String path, String value, String field) {
        for (JsonNode row : TestGateway.json(gateway.send(gateway.admin(path)))) {
            if (row.path(field).asText().equals(value)) {
                return row;
            }
        }
        throw new AssertionError("no row with " + field + " " + value + " at " + path);
    }
}
