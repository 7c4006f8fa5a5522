package gproxy.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import gproxy.testing.ExternalServices;
import gproxy.testing.FakeResponses;
import gproxy.testing.FakeUpstream;
import gproxy.testing.TestGateway;
import gproxy.testing.Usage;

/**
 * The console in Debian's headless Chromium: an administrator builds a provider, credential, route,
 * user and key through the pages, a gateway call with that key shows up in usage and request logs,
 * and the key's owner, logged in to the portal, sees only their own keys and usage.
 */
class ConsoleBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target/screenshots");

    /**
     * Chromium logs every 4xx answer as a failed resource (the logged-out session probe, the 400 the
     * form shows next to its field); those are HTTP statuses the page handles, not script errors.
     */
    private static final Pattern HANDLED_STATUS = Pattern.compile(
            "Failed to load resource: the server responded with a status of 4\\d\\d");

    private static ChromeDriver driver;
    private static WebDriverWait wait;

    @BeforeAll
    static void browser() throws IOException {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            ExternalServices.missing("chromium and chromedriver (apt-get install chromium chromium-driver)");
        }
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toString());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1280,900", "--user-data-dir=" + Files.createTempDirectory("gproxy-chromium-"));
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        wait = new WebDriverWait(driver, Duration.ofSeconds(10));
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void quit() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void anAdministratorBuildsTheGatewayInTheConsoleAndItsUserSeesOnlyTheirOwnTraffic() throws IOException {
        try (FakeUpstream upstream = FakeUpstream.start(); TestGateway gateway = TestGateway.start()) {
            upstream.dispatcher(request -> FakeResponses.openAiChat("hello from upstream", Usage.of(12, 5)));
            gateway.adminPost("/admin/instance-settings", "{\"enable_downstream_log\":true}");
            URI console = gateway.uri("/console/");

            driver.get(console.toString());
            login("admin", TestGateway.ADMIN_PASSWORD);
            waitText(By.id("overview-stats"), "providers");
            screenshot("overview");

            page("providers");
            submit("form-provider");
            waitText(By.id("form-provider-name-error"), "name");
            type("form-provider-name", "fake-openai");
            new Select(byId("form-provider-channel")).selectByValue("openai");
            type("form-provider-settings-json-base-url", upstream.url().toString());
            submit("form-provider");
            WebElement row = rowWith("fake-openai");
            row.findElement(By.xpath(".//button[text()='Credentials']")).click();
            type("form-credential-name", "main");
            type("form-credential-secret-json-api-key", "sk-upstream");
            submit("form-credential");
            waitText(By.id("credentials"), "main");
            screenshot("providers");

            page("routes");
            type("form-route-name", "chat");
            submit("form-route");
            rowWith("chat").findElement(By.xpath(".//button[text()='Members']")).click();
            type("form-member-upstream-model-id", FakeResponses.OPENAI_MODEL);
            submit("form-member");
            waitText(By.id("members"), FakeResponses.OPENAI_MODEL);

            page("users");
            type("form-user-name", "alice");
            submit("form-user");
            rowWith("alice").findElement(By.xpath(".//button[text()='Keys']")).click();
            type("form-key-label", "laptop");
            submit("form-key");
            String key = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("new-secret"))).getText();
            assertThat(key).startsWith("sk-");
            submit("form-permission");
            waitText(By.id("user-detail"), "*");
            screenshot("users");

            HttpResponse<String> call = gateway.post(gateway.request("/v1/chat/completions")
                    .header("Authorization", "Bearer " + key),
                    "{\"model\":\"chat\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
            assertThat(call.statusCode()).as(call.body()).isEqualTo(200);
            assertThat(call.body()).contains("hello from upstream");

            page("usage");
            waitText(By.id("usage-rows"), FakeResponses.OPENAI_MODEL);
            assertThat(driver.findElements(By.cssSelector("#usage-chart svg rect.bar"))).isNotEmpty();
            assertThat(byId("usage-groups").getText()).contains("fake-openai");
            screenshot("usage");

            page("logs");
            waitText(By.id("log-list"), "/v1/chat/completions");
            rowWith("/v1/chat/completions").findElement(By.xpath(".//button[text()='Detail']")).click();
            waitText(By.id("log-detail"), "chat");
            screenshot("logs");

            long alice = userId(gateway, "alice");
            gateway.adminPost("/admin/users", "{\"id\":" + alice + ",\"password\":\"alice-password-1\"}");
            gateway.user("bob");
            byId("logout").click();
            login("alice", "alice-password-1");
            waitText(By.id("my-keys"), "laptop");
            assertThat(driver.getCurrentUrl()).endsWith("/console/user/keys");
            assertThat(byId("my-keys").getText()).doesNotContain("test");
            assertThat(driver.findElements(By.cssSelector("nav a[data-page='providers']"))).isEmpty();
            screenshot("portal-keys");
            page("usage");
            waitText(By.id("usage-rows"), FakeResponses.OPENAI_MODEL);
            page("connect");
            waitText(By.id("main"), gateway.uri("/").toString().replaceAll("/$", "") + "/v1");
            driver.manage().window().setSize(new Dimension(390, 844));
            page("keys");
            waitText(By.id("my-keys"), "laptop");
            assertThat((Long) driver.executeScript("return document.documentElement.scrollWidth"))
                    .as("no horizontal scroll at phone width").isLessThanOrEqualTo(390L);
            screenshot("portal-keys-phone");
        }
        assertNoScriptErrors();
    }

    @Test
    void everyPageRendersWithoutAnErrorAndTheSettingsPageTurnsOnTheDownstreamLog() throws IOException {
        try (TestGateway gateway = TestGateway.start()) {
            driver.manage().window().setSize(new Dimension(1280, 900));
            driver.get(gateway.uri("/console/admin/settings").toString());
            login("admin", TestGateway.ADMIN_PASSWORD);
            assertThat(driver.getCurrentUrl()).endsWith("/console/admin/settings");
            WebElement downstream = byId("form-settings-enable-downstream-log");
            assertThat(downstream.isSelected()).isFalse();
            downstream.click();
            submit("form-settings");
            waitText(By.id("form-settings"), "Saved");
            assertThat(TestGateway.json(gateway.send(gateway.admin("/admin/instance-settings")))
                    .path("enable_downstream_log").asBoolean()).isTrue();
            screenshot("settings");
            for (String slug : List.of("overview", "providers", "routes", "users", "usage", "logs", "rule-sets",
                    "prices", "quotas", "audit", "settings")) {
                page(slug);
                wait.until(d -> d.findElements(By.cssSelector("#main .loading")).isEmpty());
                assertThat(driver.findElements(By.cssSelector("#main .error[role=alert]"))).as(slug).isEmpty();
            }
            page("audit");
            waitText(By.id("main"), "instance-settings");
            page("rule-sets");
            type("form-rule-set-name", "cache");
            submit("form-rule-set");
            rowWith("cache").findElement(By.xpath(".//button[text()='Rules']")).click();
            type("form-rule-config-json", "{not json");
            submit("form-rule");
            waitText(By.id("form-rule-config-json-error"), "not valid JSON");
            new Select(byId("form-rule-kind")).selectByValue("cache_breakpoint");
            type("form-rule-config-json", "{}");
            submit("form-rule");
            waitText(By.id("rules"), "cache_breakpoint");

            gateway.user("carol");
            long carol = userId(gateway, "carol");
            gateway.adminPost("/admin/users", "{\"id\":" + carol + ",\"password\":\"carol-password-1\"}");
            byId("logout").click();
            login("carol", "carol-password-1");
            for (String slug : List.of("keys", "usage", "quota", "connect", "password")) {
                page(slug);
                wait.until(d -> d.findElements(By.cssSelector("#main .loading")).isEmpty());
                assertThat(driver.findElements(By.cssSelector("#main .error[role=alert]"))).as(slug).isEmpty();
            }
            type("form-password-current-password", "carol-password-1");
            type("form-password-new-password", "carol-password-2");
            submit("form-password");
            waitText(By.id("form-password"), "Saved");
        }
        assertNoScriptErrors();
    }

    private static void assertNoScriptErrors() {
        List<LogEntry> errors = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .filter(e -> !HANDLED_STATUS.matcher(e.getMessage()).find()).toList();
        assertThat(errors).as("browser console errors").isEmpty();
    }

    private static long userId(TestGateway gateway, String name) {
        for (var user : TestGateway.json(gateway.send(gateway.admin("/admin/users")))) {
            if (user.path("name").asText().equals(name)) {
                return user.path("id").asLong();
            }
        }
        throw new AssertionError("no user " + name);
    }

    private static void login(String user, String password) {
        type("login-username", user);
        type("login-password", password);
        submit("login-form");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("logout")));
    }

    private static void page(String slug) {
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("nav a[data-page='" + slug + "']"))).click();
        wait.until(d -> slug.equals(byId("main").getDomAttribute("data-page")));
    }

    private static WebElement byId(String id) {
        return wait.until(ExpectedConditions.presenceOfElementLocated(By.id(id)));
    }

    private static void type(String id, String text) {
        WebElement input = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
        input.clear();
        input.sendKeys(text);
    }

    private static void submit(String formId) {
        byId(formId).findElement(By.cssSelector("button[type=submit]")).click();
    }

    private static WebElement rowWith(String text) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.xpath("//tr[td[normalize-space(.)='" + text + "']]")));
    }

    private static void waitText(By locator, String text) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(locator, text));
    }

    private static void screenshot(String name) throws IOException {
        byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        Files.write(SCREENSHOTS.resolve(name + ".png"), png);
    }
}
