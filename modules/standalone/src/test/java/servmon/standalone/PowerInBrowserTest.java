package servmon.standalone;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import servmon.agent.simulate.LoadCurve;
import servmon.agent.simulate.ServerIdentity;
import servmon.agent.simulate.SimulatedFleet;
import servmon.agent.simulate.SimulationConfig;
import servmon.events.ServerId;
import servmon.events.ServerKey;
import tools.jackson.databind.JsonNode;

import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The power loop as a new user drives it, in headless Chromium on the whole system with a simulated fleet: Sleep on
 * a server's row, confirm, its tile shows Asleep; Wake; its history page logs the wake CONFIRMED.
 */
class PowerInBrowserTest {

    private static final Duration BOOT_DELAY = Duration.ofSeconds(2);
    private static HeadlessBrowser browser;

    @BeforeAll
    static void openBrowser() throws Exception {
        browser = HeadlessBrowser.openOrSkip("PowerInBrowserTest");
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void a_server_put_to_sleep_from_the_page_shows_asleep_and_its_wake_is_confirmed_on_its_log() throws Exception {
        Standalone system = SharedSystem.get();
        String base = "http://127.0.0.1:" + system.httpPort();
        DashboardApiClient api = new DashboardApiClient(system.httpPort(), "admin", SharedSystem.ADMIN_PASSWORD);
        List<ServerIdentity> fleet = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        String group = "rack-" + UUID.randomUUID().toString().substring(0, 4);
        for (int i = 0; i < 2; i++) {  // two in one group: the one put to sleep is not the group's last awake server
            String name = "page-" + UUID.randomUUID().toString().substring(0, 8);
            JsonNode created = api.createServer(name, null, group);
            ids.add(created.get("id").asLong());
            fleet.add(new ServerIdentity(name, ServerKey.of(created.get("key").asString())));
        }
        long id = ids.getFirst();
        String name = fleet.getFirst().name();

        try (SimulatedFleet simulated = SimulatedFleet.start(new SimulationConfig(system.kafkaBootstrap(), fleet,
                Duration.ofSeconds(1), LoadCurve.builtInDaily(), BOOT_DELAY, SharedSystem.simulatorWolPort(), 0,
                Duration.ZERO, system.agentKafkaProperties()), new PrintStream(OutputStream.nullOutputStream()))) {
            browser.logIn(base, "admin", SharedSystem.ADMIN_PASSWORD);
            await().atMost(Duration.ofSeconds(60)).until(() -> browser.tileText(name).contains("ON"));

            By confirmButton = By.cssSelector("vaadin-confirm-dialog [slot='confirm-button']");
            browser.clickUntil(By.id("sleep-" + id), () -> browser.find(confirmButton) != null, Duration.ofSeconds(60));
            WebElement confirm = browser.awaitElement(confirmButton);
            browser.screenshot("sleep-confirm");
            browser.click(confirm);
            await().atMost(Duration.ofSeconds(60)).until(() -> browser.tileText(name).contains("Asleep"));
            assertThat(browser.tile(name).getDomAttribute("class")).doesNotContain(" off");
            browser.screenshot("server-asleep");

            browser.clickUntil(By.id("wake-" + id), () -> browser.tileText(name).contains("Waking")
                    || browser.tileText(name).contains("ON"), Duration.ofSeconds(60));
            await().atMost(Duration.ofSeconds(60)).until(() -> browser.tileText(name).contains("ON"));

            browser.driver.get(base + "/servers/" + id + "/history");
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).until(() -> {
                WebElement log = browser.find(By.id("power-log"));
                if (log != null && log.getText().contains("Wake confirmed")) {
                    return true;
                }
                browser.driver.navigate().refresh();  // the log is read when the page opens
                return false;
            });
            String log = browser.find(By.id("power-log")).getText();
            // the steps in the page's words (the API gives their codes: SLEEP_SENT, SLEEP_ACCEPTED, SENT, CONFIRMED)
            assertThat(log).contains("Sleep ordered", "Going to sleep", "Packets sent", "Wake confirmed");
            browser.screenshot("power-log-confirmed");
            assertThat(browser.cspRefusals()).as("nothing refused by the Content-Security-Policy").isEmpty();
        }
    }
}
