package servmon.standalone;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The main page is live: a state stored in the database reaches an open page without a reload, by the push
 * connection (a WebSocket that the Content-Security-Policy allows), and the OFF count in the header filters to it.
 */
class LiveMainPageInBrowserTest {

    private static HeadlessBrowser browser;

    @BeforeAll
    static void openBrowser() throws Exception {
        browser = HeadlessBrowser.openOrSkip("LiveMainPageInBrowserTest");
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void a_stored_state_change_reaches_the_open_page_by_push_without_a_reload() throws Exception {
        Standalone system = SharedSystem.get();
        String base = "http://127.0.0.1:" + system.httpPort();
        DashboardApiClient api = new DashboardApiClient(system.httpPort(), "admin", SharedSystem.ADMIN_PASSWORD);
        String name = "live-" + UUID.randomUUID().toString().substring(0, 8);
        JsonNode created = api.createServer(name, null, null);
        long id = created.get("id").asLong();

        browser.logIn(base, "admin", SharedSystem.ADMIN_PASSWORD);
        browser.typeInto(browser.awaitElement(By.id("server-search")), name);
        await().atMost(Duration.ofSeconds(30)).until(() -> browser.tileText(name).contains("Empty"));
        JavascriptExecutor page = (JavascriptExecutor) browser.driver;
        page.executeScript("window.servmonSamePage = true");
        browser.networkEvents();  // start the network log from here

        Instant stored = storeState(system, id, "OFF");
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50))
                .until(() -> browser.tileText(name).contains("OFF"));
        Duration seenAfter = Duration.between(stored, Instant.now());
        System.out.printf("[servmon] OFF stored to OFF on the open page: %d ms%n", seenAfter.toMillis());

        assertThat(page.executeScript("return window.servmonSamePage === true")).as("no reload").isEqualTo(true);
        List<String> network = browser.networkEvents();
        assertThat(network).as("the change came by the push WebSocket")
                .anyMatch(event -> event.contains("Network.webSocketFrameReceived") && event.contains("OFF"));
        assertThat(browser.tile(name).getDomAttribute("class")).contains("state-off");
        browser.screenshot("live-off");

        browser.click(browser.awaitElement(By.id("filter-off")));
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.driver.findElements(By.cssSelector(".server-tile"))
                .stream().allMatch(tile -> tile.getText().contains("OFF")));
        assertThat(browser.cspRefusals()).as("nothing refused by the Content-Security-Policy").isEmpty();

        // a tile is a link: Enter, Space and a click each open its server's page
        String serverPage = "/servers/" + id + "/history";
        for (CharSequence key : List.of(Keys.ENTER, Keys.SPACE)) {
            browser.tile(name).sendKeys(key);  // focuses the tile, then the key
            await().atMost(Duration.ofSeconds(15)).until(() -> browser.driver.getCurrentUrl().endsWith(serverPage));
            browser.driver.navigate().back();
            browser.typeInto(browser.awaitElement(By.id("server-search")), name);
            await().atMost(Duration.ofSeconds(15)).until(() -> browser.tileText(name).contains("OFF"));
        }
        browser.click(browser.tile(name));
        await().atMost(Duration.ofSeconds(15)).until(() -> browser.driver.getCurrentUrl().endsWith(serverPage));
    }

    @Test
    @SuppressWarnings("unchecked")
    void the_main_pages_html_carries_the_fleets_counts_and_the_live_page_hides_them() throws Exception {
        Standalone system = SharedSystem.get();
        String base = "http://127.0.0.1:" + system.httpPort();
        browser.driver.get(base + "/login");
        browser.driver.manage().deleteAllCookies();  // a session of this class's other test would skip the login
        browser.logIn(base, "admin", SharedSystem.ADMIN_PASSWORD);
        browser.awaitElement(By.id("server-search"));
        JavascriptExecutor page = (JavascriptExecutor) browser.driver;

        // the HTML as the browser gets it, before any script ran: the preview is in it, with the page's stylesheet
        Map<String, Object> html = (Map<String, Object>) page.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const read = path => fetch(path, {credentials: 'same-origin'}).then(r => r.text())
                    .then(text => new DOMParser().parseFromString(text, 'text/html'));
                Promise.all([read('/'), read('/login')]).then(([main, login]) => {
                  const preview = main.getElementById('fleet-preview');
                  done({counts: preview ? [...preview.querySelectorAll('.fleet-count')].map(e => e.textContent)
                                        : null,
                        styled: !!main.querySelector('link[href*="dashboard.css"]'),
                        onLogin: !!login.getElementById('fleet-preview')});
                });""");
        assertThat((List<String>) html.get("counts")).hasSize(7)
                .first().asString().matches("All [0-9,]+");
        assertThat(html.get("styled")).as("dashboard.css linked in the head, so the preview is styled at once")
                .isEqualTo(true);
        assertThat(html.get("onLogin")).as("the login page's HTML has no preview").isEqualTo(false);

        // on the live page the preview is gone from view
        assertThat(page.executeScript("const p = document.getElementById('fleet-preview');"
                + " return p === null || getComputedStyle(p).display === 'none'")).isEqualTo(true);

        // nobody signed in gets the main page's HTML without it
        try (HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build()) {
            HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create(base + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(anonymous.body()).doesNotContain("fleet-preview");
        }
    }

    /** Writes the state as the ingestor stores the state monitor's verdict. */
    private static Instant storeState(Standalone system, long serverId, String state) throws Exception {
        Instant now = Instant.now();
        LocalDateTime utc = LocalDateTime.ofInstant(now, ZoneOffset.UTC);
        try (Connection c = DriverManager.getConnection(system.jdbcUrl(), system.jdbcUser(), system.jdbcPassword());
             PreparedStatement update = c.prepareStatement(
                     "UPDATE server_status SET state = ?, state_since = ?, updated_at = ? WHERE server_id = ?")) {
            update.setString(1, state);
            update.setObject(2, utc);
            update.setObject(3, utc);
            update.setLong(4, serverId);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
        return now;
    }
}
