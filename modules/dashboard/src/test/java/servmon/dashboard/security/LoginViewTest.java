package servmon.dashboard.security;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.QueryParameters;
import org.junit.jupiter.api.Test;
import servmon.dashboard.DashboardTestSupport;

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

    private LoginView loginPage(Map<String, String> query) {
        UI.getCurrent().navigate("login", QueryParameters.simple(query));
        return (LoginView) getCurrentView();
    }
}
