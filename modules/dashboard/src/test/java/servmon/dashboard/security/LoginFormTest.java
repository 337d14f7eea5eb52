package servmon.dashboard.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.web.servlet.MockMvc;
import servmon.dashboard.DashboardTestSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The login form's POST: only with the page's CSRF token, and a failure leaves a log line without the password. */
@ExtendWith(OutputCaptureExtension.class)
class LoginFormTest extends DashboardTestSupport {

    @Autowired
    MockMvc mvc;

    @Test
    void a_login_post_without_the_csrf_token_is_refused_even_with_the_right_password() throws Exception {
        mvc.perform(post("/login").param("username", "admin").param("password", ADMIN_PASSWORD)
                        .with(LoginThrottleTest.from("198.51.100.200")))
                .andExpect(status().isForbidden())
                .andExpect(unauthenticated());
        mvc.perform(post("/login").param("username", "admin").param("password", ADMIN_PASSWORD)
                        .with(csrf().useInvalidToken()).with(LoginThrottleTest.from("198.51.100.200")))
                .andExpect(status().isForbidden())
                .andExpect(unauthenticated());

        mvc.perform(post("/login").param("username", "admin").param("password", ADMIN_PASSWORD)
                        .with(csrf()).with(LoginThrottleTest.from("198.51.100.200")))
                .andExpect(status().is3xxRedirection())
                .andExpect(authenticated().withUsername("admin"));
    }

    @Test
    void a_failed_login_is_logged_with_user_and_address_and_never_the_password(CapturedOutput output)
            throws Exception {
        String formPassword = "Form-Secret-" + uniqueName("pw");
        String apiPassword = "Api-Secret-" + uniqueName("pw");

        mvc.perform(post("/login").param("username", "mallory").param("password", formPassword)
                        .with(csrf()).with(LoginThrottleTest.from("192.0.2.44")))
                .andExpect(status().is3xxRedirection())
                .andExpect(unauthenticated());
        mvc.perform(get("/api/v1/servers").with(httpBasic("mallory-api", apiPassword))
                        .with(LoginThrottleTest.from("192.0.2.45")))
                .andExpect(status().isUnauthorized());

        assertThat(output.getAll())
                .containsPattern("Failed login for user 'mallory' from 192\\.0\\.2\\.44")
                .containsPattern("Failed login for user 'mallory-api' from 192\\.0\\.2\\.45")
                .doesNotContain(formPassword)
                .doesNotContain(apiPassword);
    }

    @Test
    void a_user_name_cannot_forge_log_lines(CapturedOutput output) throws Exception {
        mvc.perform(post("/login").param("username", "eve\nINFO forged line").param("password", "x")
                        .with(csrf()).with(LoginThrottleTest.from("192.0.2.46")))
                .andExpect(status().is3xxRedirection());

        assertThat(output.getAll()).contains("Failed login for user 'eve?INFO forged line' from 192.0.2.46")
                .doesNotContain("\nINFO forged line");
    }
}
