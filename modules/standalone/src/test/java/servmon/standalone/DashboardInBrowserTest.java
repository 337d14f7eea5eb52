package servmon.standalone;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import servmon.agent.Agent;
import servmon.events.ServerKey;

import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The real dashboard in a real browser (headless Chromium): log in, add a server with a wrong and then a right
 * name, see its tile go from Empty to ON while an agent reports, and to a red OFF when it stops.
 * Screenshots land in target/screenshots for a person to look at.
 */
class DashboardInBrowserTest {

    private static HeadlessBrowser browser;

    @BeforeAll
    static void openBrowser() throws Exception {
        browser = HeadlessBrowser.openOrSkip("DashboardInBrowserTest");
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void admin_adds_a_server_and_watches_its_tile_go_empty_on_off(@TempDir Path dir) throws Exception {
        Standalone system = SharedSystem.get();
        String base = "http://127.0.0.1:" + system.httpPort();

        browser.logIn(base, "admin", SharedSystem.ADMIN_PASSWORD);

        browser.driver.get(base + "/servers/new");
        browser.awaitElement(By.id("add-server")).click();
        await().atMost(Duration.ofSeconds(10)).until(() ->
                browser.driver.findElement(By.id("server-name")).getDomAttribute("invalid") != null);
        browser.screenshot("add-server-invalid");

        String name = "browser-" + UUID.randomUUID().toString().substring(0, 6);
        browser.typeInto(browser.driver.findElement(By.id("server-name")), name);
        browser.driver.findElement(By.id("add-server")).click();
        WebElement keyText = browser.awaitElement(By.id("server-key"));
        ServerKey key = ServerKey.of(keyText.getText().trim());
        assertThat(browser.driver.findElement(By.id("agent-command")).getText()).contains("--key " + key.value());
        browser.screenshot("add-server-key");

        browser.driver.get(base + "/");
        await().atMost(Duration.ofSeconds(20)).until(() -> browser.tileText(name).contains("Empty"));

        Agent agent = Agent.start(TestAgents.config(system, key, Duration.ofSeconds(1),
                dir.resolve("agent.key")));
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> browser.tileText(name).contains("ON"));
            browser.screenshot("servers-on");
        } finally {
            agent.close();
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> browser.tileText(name).contains("OFF"));
        assertThat(browser.tile(name).getDomAttribute("class")).contains("off");
        browser.screenshot("servers-off");
        assertThat(browser.cspRefusals()).as("nothing refused by the Content-Security-Policy").isEmpty();
    }
}
