package servmon.standalone;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * People and roles as a new team would try them, in headless Chromium on the whole system: the admin adds a viewer
 * on the Users page and reads the password shown once; the viewer logs in with it, sees the fleet with History but no
 * Delete, Wake or Sleep and no admin pages in the menu, and gets the friendly "not allowed" and "not found" pages.
 */
class ViewerInBrowserTest {

    private static HeadlessBrowser browser;

    @BeforeAll
    static void openBrowser() throws Exception {
        browser = HeadlessBrowser.openOrSkip("ViewerInBrowserTest");
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void a_viewer_added_on_the_users_page_sees_no_delete_wake_or_sleep() throws Exception {
        Standalone system = SharedSystem.get();
        String base = "http://127.0.0.1:" + system.httpPort();
        DashboardApiClient api = new DashboardApiClient(system.httpPort(), "admin", SharedSystem.ADMIN_PASSWORD);
        String watched = "watched-" + UUID.randomUUID().toString().substring(0, 8);
        long id = api.createServer(watched, "aa:bb:cc:dd:ee:10").get("id").asLong();
        String viewer = "viewer-" + UUID.randomUUID().toString().substring(0, 8);

        browser.logIn(base, "admin", SharedSystem.ADMIN_PASSWORD);
        // the shared system holds many servers, and the list renders only the rows in view: find ours first
        browser.typeInto(browser.awaitElement(By.id("server-search")), watched);
        browser.awaitElement(By.id("delete-" + id));  // an admin has the buttons
        browser.driver.get(base + "/users");
        browser.typeInto(browser.awaitElement(By.id("new-user-name")), viewer);
        browser.click(browser.driver.findElement(By.id("add-user")));
        String password = await().atMost(Duration.ofSeconds(30)).until(
                () -> browser.find(By.id("shown-password")) == null ? "" : browser.find(By.id("shown-password")).getText(),
                text -> !text.isBlank()).trim();
        browser.screenshot("users-page-password-shown-once");

        browser.driver.manage().deleteAllCookies();  // a different person, in a fresh session
        browser.logIn(base, viewer, password);

        browser.typeInto(browser.awaitElement(By.id("server-search")), watched);
        browser.awaitElement(By.id("history-" + id));
        for (String admins : List.of("delete-", "wake-", "sleep-")) {
            assertThat(browser.find(By.id(admins + id))).as(admins + id).isNull();
        }
        // read in one script: the list refreshes every 2 s and replaces its buttons under Selenium's feet
        @SuppressWarnings("unchecked")
        List<String> buttons = (List<String>) ((JavascriptExecutor) browser.driver).executeScript(
                "return Array.from(document.querySelectorAll('vaadin-button')).map(b => b.textContent.trim())");
        assertThat(buttons).doesNotContain("Delete", "Wake", "Sleep");
        String menu = browser.awaitElement(By.cssSelector("vaadin-side-nav")).getText();
        assertThat(menu).contains("Servers", "Account").doesNotContain("Add Server", "Users", "Power Policies");
        browser.screenshot("viewer-servers");

        browser.driver.get(base + "/users");
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> browser.find(By.id("access-denied")) != null);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            browser.screenshot("viewer-users-page");  // what came instead, for whoever reads the failure
            throw new AssertionError("no access-denied page at /users; the page says: "
                    + browser.driver.findElement(By.tagName("body")).getText() + " / " + browser.driver.getTitle(), e);
        }
        assertThat(browser.find(By.id("access-denied")).getText()).contains("Not allowed");
        assertThat(browser.find(By.cssSelector("vaadin-side-nav"))).as("inside the layout").isNotNull();
        browser.screenshot("viewer-not-allowed");
        browser.driver.get(base + "/no-such-page");
        assertThat(browser.awaitElement(By.id("not-found")).getText()).contains("Page not found");
        browser.screenshot("not-found");
        assertThat(browser.cspRefusals()).as("nothing refused by the Content-Security-Policy").isEmpty();
    }
}
