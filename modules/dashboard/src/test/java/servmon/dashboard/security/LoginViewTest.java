package servmon.dashboard.security;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.QueryParameters;
import org.junit.jupiter.api.Test;
import servmon.dashboard.DashboardTestSupport;
import servmon.dashboard.base.ui.PlainSelect;

import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What the login page says after a wrong password and after a throttled attempt (LoginThrottleFilter). */
class LoginViewTest extends DashboardTestSupport {

    @Test
    void a_throttled_login_is_told_how_long_to_wait() {
        assertThat(loginPage(Map.of("throttled", "16")).shownError())
                .contains("Too many failed logins").contains("Wait 16 s");
    }

    @Test
    void a_wrong_password_gets_the_usual_message_and_a_fresh_page_none() {
        assertThat(loginPage(Map.of("error", "")).shownError()).contains("username and password");
        assertThat(loginPage(Map.of()).shownError()).isNull();
    }

    @Test
    void a_forged_wait_is_not_echoed() {
        assertThat(loginPage(Map.of("throttled", "<b>hi")).shownError()).contains("Wait a while").doesNotContain("<b>");
    }

    @Test
    void a_korean_browser_gets_the_page_and_its_messages_in_korean() {
        UI.getCurrent().setLocale(Locale.KOREAN);

        assertThat(loginPage(Map.of("error", "")).shownError()).contains("사용자 이름과 비밀번호");
        assertThat(loginPage(Map.of("throttled", "16")).shownError()).contains("로그인에 너무 많이 실패").contains("16초");
        assertThat(find(Paragraph.class).single().getText()).startsWith("admin 사용자의 첫 비밀번호");
        assertThat(((LoginView) getCurrentView()).getPageTitle()).isEqualTo("로그인 · servmon");
    }

    @Test
    void the_language_menu_switches_the_login_page_and_remembers_the_choice() {
        UI.getCurrent().setLocale(Locale.ENGLISH);
        LoginView english = loginPage(Map.of("error", ""));
        assertThat(language().getValue()).isEqualTo("en");
        assertThat(english.shownTexts().getForm().getUsername()).isEqualTo("Username");
        UI before = UI.getCurrent();
        before.getInternals().dumpPendingJavaScriptInvocations();  // what the page had queued before the choice

        language().getElement().setProperty("value", "ko");  // as the browser's change event does

        assertThat(before.getInternals().dumpPendingJavaScriptInvocations()).as("the choice goes into a cookie")
                .anySatisfy(pending -> assertThat(pending.getInvocation().getExpression() + " "
                        + pending.getInvocation().getParameters()).contains("document.cookie")
                        .contains("servmon-lang, ko"));
        // the page reloads (browserless: a new UI of the same session), in Korean, the wrong password still said
        assertThat(UI.getCurrent()).isNotSameAs(before);
        assertThat(UI.getCurrent().getLocale()).isEqualTo(Locale.KOREAN);
        LoginView korean = (LoginView) getCurrentView();
        assertThat(korean.shownTexts().getForm().getTitle()).isEqualTo("로그인");
        assertThat(korean.shownTexts().getForm().getUsername()).isEqualTo("사용자 이름");
        assertThat(korean.shownTexts().getForm().getPassword()).isEqualTo("비밀번호");
        assertThat(korean.shownTexts().getForm().getSubmit()).isEqualTo("로그인");
        assertThat(korean.shownError()).contains("사용자 이름과 비밀번호");
        assertThat(find(Paragraph.class).single().getText()).startsWith("admin 사용자의 첫 비밀번호");
        assertThat(language().getValue()).isEqualTo("ko");
        assertThat(language().getElement().getAttribute("aria-label")).isEqualTo("언어");

        // remembered in the session: the next page of this session is Korean whatever the browser asks
        UI.getCurrent().getPage().reload();
        assertThat(UI.getCurrent().getLocale()).isEqualTo(Locale.KOREAN);
        assertThat(loginPage(Map.of()).getPageTitle()).isEqualTo("로그인 · servmon");
    }

    private PlainSelect language() {
        return find(PlainSelect.class).withId("language").single();
    }

    private LoginView loginPage(Map<String, String> query) {
        UI.getCurrent().navigate("login", QueryParameters.simple(query));
        return (LoginView) getCurrentView();
    }
}
