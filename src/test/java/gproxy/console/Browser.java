package gproxy.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.regex.Pattern;

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
import org.openqa.selenium.support.ui.WebDriverWait;

import gproxy.testing.ExternalServices;
import gproxy.testing.TestGateway;

/**
 * Debian's headless Chromium driving the console, with the steps the browser tests share: log in,
 * open a page, type, submit, find a table row, wait for text, save a screenshot under
 * {@code target/screenshots}, and assert the page logged no script error. One per test class.
 */
final class Browser implements AutoCloseable {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target/screenshots");

    /**
     * Chromium logs every 4xx answer as a failed resource (the logged-out session probe, the 400 the
     * form shows next to its field); those are HTTP statuses the page handles, not script errors.
     */
    private static final Pattern HANDLED_STATUS = Pattern.compile(
            "Failed to load resource: the server responded with a status of 4\\d\\d");

    final ChromeDriver driver;
    final WebDriverWait wait;

    private Browser(ChromeDriver driver) {
        this.driver = driver;
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(10));
    }

    /** Starts Chromium; a missing Chromium is a skip locally and a failure under {@code CI=true}. */
    static Browser start() throws IOException {
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
        Files.createDirectories(SCREENSHOTS);
        return new Browser(new ChromeDriver(service, options));
    }

    @Override
    public void close() {
        driver.quit();
    }

    void open(String url) {
        driver.get(url);
    }

    void size(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    void assertNoScriptErrors() {
        List<LogEntry> errors = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .filter(e -> !HANDLED_STATUS.matcher(e.getMessage()).find()).toList();
        assertThat(errors).as("browser console errors").isEmpty();
    }

    /** The page finished loading and shows no error box. */
    void assertPageRendered(String slug) {
        wait.until(d -> d.findElements(By.cssSelector("#main .loading")).isEmpty());
        assertThat(driver.findElements(By.cssSelector("#main .error[role=alert]"))).as(slug).isEmpty();
    }

    static long userId(TestGateway gateway, String name) {
        for (var user : TestGateway.json(gateway.send(gateway.admin("/admin/users")))) {
            if (user.path("name").asText().equals(name)) {
                return user.path("id").asLong();
            }
        }
        throw new AssertionError("no user " + name);
    }

    void login(String user, String password) {
        type("login-username", user);
        type("login-password", password);
        submit("login-form");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("logout")));
    }

    void page(String slug) {
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("nav a[data-page='" + slug + "']"))).click();
        wait.until(d -> slug.equals(byId("main").getDomAttribute("data-page")));
    }

    WebElement byId(String id) {
        return wait.until(ExpectedConditions.presenceOfElementLocated(By.id(id)));
    }

    void type(String id, String text) {
        WebElement input = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
        input.clear();
        input.sendKeys(text);
    }

    void submit(String formId) {
        byId(formId).findElement(By.cssSelector("button[type=submit]")).click();
    }

    WebElement rowWith(String text) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.xpath("//tr[td[normalize-space(.)='" + text + "']]")));
    }

    void waitText(By locator, String text) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(locator, text));
    }

    void screenshot(String name) throws IOException {
        byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        Files.write(SCREENSHOTS.resolve(name + ".png"), png);
    }
}
