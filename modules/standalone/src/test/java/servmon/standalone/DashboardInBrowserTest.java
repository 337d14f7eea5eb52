package servmon.standalone;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import servmon.agent.Agent;
import servmon.events.ServerKey;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The real dashboard in a real browser (headless Chromium): log in, add a server with a wrong and then a right
 * name, see its tile go from Empty to ON while an agent reports, and to a red OFF when it stops.
 * Screenshots land in target/screenshots for a person to look at.
 */
class DashboardInBrowserTest {

    private static final File CHROMIUM = new File("/usr/bin/chromium");
    private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private static WebDriver browser;

    @BeforeAll
    static void openBrowser() throws Exception {
        boolean present = CHROMIUM.canExecute() && CHROMEDRIVER.canExecute();
        if (!present) {
            System.out.println("[servmon] SKIPPED DashboardInBrowserTest: /usr/bin/chromium and /usr/bin/chromedriver "
                    + "are needed (apt-get install chromium chromium-driver; .ci/run does it)");
        }
        assumeTrue(present, "headless Chromium is not installed");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-quic", "--window-size=1280,900",
                // Only loopback exists for this test; keep Chromium from looking up Google's hosts.
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
                "--user-data-dir=" + Files.createTempDirectory("chromium-profile-"));
        // the console, to see whether the dashboard's Content-Security-Policy blocked anything Vaadin needs
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER).build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void admin_adds_a_server_and_watches_its_tile_go_empty_on_off(@TempDir Path dir) throws Exception {
        Standalone system = SharedSystem.get();
        String base = "http://127.0.0.1:" + system.httpPort();

        browser.get(base + "/");
        await().atMost(Duration.ofSeconds(60)).until(() -> browser.getCurrentUrl().contains("/login"));
        logIn("admin", SharedSystem.ADMIN_PASSWORD);
        await().atMost(Duration.ofSeconds(30)).until(() -> !browser.getCurrentUrl().contains("/login")
                && !browser.findElements(By.cssSelector(".servers-view")).isEmpty());

        browser.get(base + "/servers/new");
        WebElement add = await().atMost(Duration.ofSeconds(30)).until(() -> find(By.id("add-server")), e -> e != null);
        add.click();
        await().atMost(Duration.ofSeconds(10)).until(() ->
                browser.findElement(By.id("server-name")).getDomAttribute("invalid") != null);
        screenshot("add-server-invalid");

        String name = "browser-" + UUID.randomUUID().toString().substring(0, 6);
        typeInto(browser.findElement(By.id("server-name")), name);
        browser.findElement(By.id("add-server")).click();
        WebElement keyText = await().atMost(Duration.ofSeconds(20)).until(() -> find(By.id("server-key")), e -> e != null);
        ServerKey key = ServerKey.of(keyText.getText().trim());
        assertThat(browser.findElement(By.id("agent-command")).getText()).contains("--key " + key.value());
        screenshot("add-server-key");

        browser.get(base + "/");
        await().atMost(Duration.ofSeconds(20)).until(() -> tileText(name).contains("Empty"));

        Agent agent = Agent.start(TestAgents.config(system, key, Duration.ofSeconds(1),
                dir.resolve("agent.key")));
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> tileText(name).contains("ON"));
            screenshot("servers-on");
        } finally {
            agent.close();
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> tileText(name).contains("OFF"));
        assertThat(tile(name).getDomAttribute("class")).contains("off");
        screenshot("servers-off");
        assertThat(browser.manage().logs().get(LogType.BROWSER).getAll())
                .extracting(LogEntry::getMessage)
                .as("nothing refused by the Content-Security-Policy")
                .noneMatch(message -> message.contains("Content Security Policy"));
    }

    private void logIn(String user, String password) {
        WebElement username = await().atMost(Duration.ofSeconds(30))
                .until(() -> find(By.cssSelector("vaadin-login-form input[name='username']")), e -> e != null);
        typeInto(username, user);
        typeInto(browser.findElement(By.cssSelector("vaadin-login-form input[name='password']")), password);
        browser.findElement(By.cssSelector("vaadin-login-form vaadin-button[slot='submit'], vaadin-login-form vaadin-button"))
                .click();
    }

    private static void typeInto(WebElement field, String text) {
        WebElement input = "input".equals(field.getTagName()) ? field : field.findElement(By.tagName("input"));
        input.clear();
        input.sendKeys(text);
        // Vaadin text fields commit their value on change
        ((JavascriptExecutor) browser).executeScript(
                "arguments[0].dispatchEvent(new Event('change', {bubbles: true}))", input);
    }

    private static String tileText(String name) {
        WebElement tile = tile(name);
        return tile == null ? "" : tile.getText();
    }

    private static WebElement tile(String name) {
        for (WebElement tile : browser.findElements(By.cssSelector(".server-tile"))) {
            if (tile.getText().contains(name)) {
                return tile;
            }
        }
        return null;
    }

    private static WebElement find(By by) {
        List<WebElement> found = browser.findElements(by);
        return found.isEmpty() ? null : found.getFirst();
    }

    private static void screenshot(String name) throws Exception {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
