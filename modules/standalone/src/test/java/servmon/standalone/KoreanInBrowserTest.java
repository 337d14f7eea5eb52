package servmon.standalone;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A browser set to Korean, as the seed's users' are: the login page and, after login, the servers page read in
 * Korean with nothing chosen; the dark colour scheme chosen in the frame applies and outlives a reload.
 */
class KoreanInBrowserTest {

    private static HeadlessBrowser browser;

    @BeforeAll
    static void openBrowser() throws Exception {
        browser = HeadlessBrowser.openOrSkip("KoreanInBrowserTest", "ko");
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void a_korean_browser_reads_the_pages_in_korean() throws Exception {
        Standalone system = SharedSystem.get();
        String base = "http://127.0.0.1:" + system.httpPort();

        browser.driver.get(base + "/login");
        assertThat(browser.awaitElement(By.cssSelector(".login-hint")).getText()).startsWith("admin 사용자의 첫 비밀번호");
        browser.screenshot("login-korean");

        browser.logIn(base, "admin", SharedSystem.ADMIN_PASSWORD);
        await().atMost(Duration.ofSeconds(30)).until(() -> browser.find(By.cssSelector(".servers-view h2")) != null
                && "서버".equals(browser.find(By.cssSelector(".servers-view h2")).getText()));
        assertThat(browser.awaitElement(By.id("filter-all")).getText()).startsWith("전체");
        assertThat(browser.awaitElement(By.id("server-search")).getAttribute("placeholder")).isEqualTo("이름으로 검색");
        assertThat(browser.awaitElement(By.cssSelector("vaadin-side-nav")).getText()).contains("서버", "내 계정");
        assertThat(browser.driver.getTitle()).isEqualTo("서버 · servmon");
        browser.screenshot("servers-korean");

        // the frame's colour choice: dark on the page at once, and again after a reload (the cookie)
        JavascriptExecutor script = (JavascriptExecutor) browser.driver;
        script.executeScript("const select = document.getElementById('color-scheme'); select.value = 'dark';"
                + " select.dispatchEvent(new Event('change'));");
        await().atMost(Duration.ofSeconds(30)).until(() -> "dark".equals(htmlTheme()));
        browser.screenshot("servers-korean-dark");
        browser.driver.navigate().refresh();
        browser.awaitElement(By.cssSelector(".servers-view"));
        await().atMost(Duration.ofSeconds(30)).until(() -> "dark".equals(htmlTheme()));
        assertThat(browser.awaitElement(By.cssSelector(".servers-view h2")).getText()).isEqualTo("서버");
        assertThat(browser.cspRefusals()).as("nothing refused by the Content-Security-Policy").isEmpty();
    }

    private static String htmlTheme() {
        return (String) ((JavascriptExecutor) browser.driver)
                .executeScript("return document.documentElement.getAttribute('theme')");
    }
}
