package servmon.standalone;

import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

import static org.awaitility.Awaitility.await;

/**
 * Headless Chromium driven through the system's chromedriver (never a downloaded one), reaching loopback only, with
 * the few gestures the browser tests share. Screenshots land in target/screenshots for a person to look at.
 */
final class HeadlessBrowser implements AutoCloseable {

    private static final File CHROMIUM = new File("/usr/bin/chromium");
    private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    final WebDriver driver;

    private HeadlessBrowser(WebDriver driver) {
        this.driver = driver;
    }

    /** Opens the browser, or skips the calling test (visibly) where Chromium is not installed. */
    static HeadlessBrowser openOrSkip(String testName) throws IOException {
        return openOrSkip(testName, null);
    }

    /**
     * The same, with a browser set to a language (e.g. "ko"): its UI and the Accept-Language it sends; null for
     * Chromium's own default.
     */
    static HeadlessBrowser openOrSkip(String testName, String language) throws IOException {
        boolean present = CHROMIUM.canExecute() && CHROMEDRIVER.canExecute();
        if (!present) {
            System.out.println("[servmon] SKIPPED " + testName + ": /usr/bin/chromium and /usr/bin/chromedriver are "
                    + "needed (apt-get install chromium chromium-driver; .ci/run does it)");
        }
        Assumptions.assumeTrue(present, "headless Chromium is not installed");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-quic", "--window-size=1280,900",
                // Only loopback exists for these tests; keep Chromium from looking up Google's hosts.
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
                "--user-data-dir=" + Files.createTempDirectory("chromium-profile-"));
        if (language != null) {
            options.addArguments("--lang=" + language);
            options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages", language));
        }
        // the console, to see whether the dashboard's Content-Security-Policy blocked anything Vaadin needs, and the
        // network events (performance log), to see what came by the push connection
        options.setCapability("goog:loggingPrefs", java.util.Map.of(LogType.BROWSER, "ALL",
                LogType.PERFORMANCE, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER).build();
        WebDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        Files.createDirectories(SCREENSHOTS);
        return new HeadlessBrowser(driver);
    }

    void logIn(String baseUrl, String user, String password) {
        driver.get(baseUrl + "/");
        await().atMost(Duration.ofSeconds(60)).until(() -> driver.getCurrentUrl().contains("/login"));
        WebElement username = await().atMost(Duration.ofSeconds(30))
                .until(() -> find(By.cssSelector("vaadin-login-form input[name='username']")), e -> e != null);
        typeInto(username, user);
        typeInto(driver.findElement(By.cssSelector("vaadin-login-form input[name='password']")), password);
        driver.findElement(By.cssSelector(
                "vaadin-login-form vaadin-button[slot='submit'], vaadin-login-form vaadin-button")).click();
        await().atMost(Duration.ofSeconds(30)).until(() -> !driver.getCurrentUrl().contains("/login")
                && !driver.findElements(By.cssSelector(".servers-view")).isEmpty());
    }

    void typeInto(WebElement field, String text) {
        WebElement input = "input".equals(field.getTagName()) ? field : field.findElement(By.tagName("input"));
        input.clear();
        input.sendKeys(text);
        // Vaadin text fields commit their value on change
        ((JavascriptExecutor) driver).executeScript(
                "arguments[0].dispatchEvent(new Event('change', {bubbles: true}))", input);
    }

    /** Clicks through script: a Vaadin button inside a grid cell may be scrolled out of Selenium's reach. */
    void click(WebElement element) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].click()", element);
    }

    /**
     * Clicks the element until the page shows the click took effect: a list refresh re-renders its rows' buttons,
     * and a click that lands on a button just replaced does nothing.
     */
    void clickUntil(By by, Callable<Boolean> tookEffect, Duration atMost) {
        Instant deadline = Instant.now().plus(atMost);
        while (true) {
            WebElement element = find(by);
            if (element != null) {
                click(element);
            }
            try {
                await().atMost(Duration.ofSeconds(10)).until(tookEffect);
                return;
            } catch (ConditionTimeoutException e) {
                if (Instant.now().isAfter(deadline)) {
                    throw e;
                }
            }
        }
    }

    WebElement find(By by) {
        List<WebElement> found = driver.findElements(by);
        return found.isEmpty() ? null : found.getFirst();
    }

    WebElement awaitElement(By by) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> find(by), e -> e != null);
    }

    String tileText(String name) {
        WebElement tile = tile(name);
        try {
            return tile == null ? "" : tile.getText();
        } catch (StaleElementReferenceException e) {
            return "";
        }
    }

    /** Null also when the tiles were re-rendered while being read (a push): the caller's await reads them again. */
    WebElement tile(String name) {
        try {
            for (WebElement tile : driver.findElements(By.cssSelector(".server-tile"))) {
                if (tile.getText().contains(name)) {
                    return tile;
                }
            }
        } catch (StaleElementReferenceException e) {
            return null;
        }
        return null;
    }

    /** What the browser's console said about the Content-Security-Policy so far: nothing, when it blocked nothing. */
    List<String> cspRefusals() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage)
                .filter(message -> message.contains("Content Security Policy")).toList();
    }

    /** The network events Chromium logged since the last call (Network.webSocketFrameReceived, ...), as JSON. */
    List<String> networkEvents() {
        return driver.manage().logs().get(LogType.PERFORMANCE).getAll().stream().map(LogEntry::getMessage).toList();
    }

    void screenshot(String name) throws IOException {
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void close() {
        driver.quit();
    }
}
