package servmon.dashboard.security;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.router.QueryParameters;
import org.junit.jupiter.api.Test;
import servmon.dashboard.DashboardTestSupport;

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

    private LoginView loginPage(Map<String, String> query) {
        UI.getCurrent().navigate("login", QueryParameters.simple(query));
        return (LoginView) getCurrentView();
    }
}
