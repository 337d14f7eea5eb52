package servmon.dashboard.security;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import servmon.dashboard.DashboardTestSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** HTTP Basic on the API costs one bcrypt per password, not one per request; wrong passwords still fail. */
class ApiAuthenticationTest extends DashboardTestSupport {

    @Autowired
    MockMvc mvc;
    @Autowired
    ApiAuthentication authentication;

    @Test
    void twenty_api_calls_with_the_same_credentials_run_bcrypt_at_most_once() throws Exception {
        long before = authentication.slowChecks();

        for (int i = 0; i < 20; i++) {
            mvc.perform(get("/api/v1/servers?limit=1").with(httpBasic("admin", ADMIN_PASSWORD)))
                    .andExpect(status().isOk());
        }

        assertThat(authentication.slowChecks() - before).isLessThanOrEqualTo(1);
    }

    @Test
    void a_wrong_password_is_refused_even_after_the_right_one_was_remembered() throws Exception {
        mvc.perform(get("/api/v1/servers?limit=1").with(httpBasic("admin", ADMIN_PASSWORD)))
                .andExpect(status().isOk());
        long before = authentication.slowChecks();

        for (int i = 0; i < 3; i++) {
            mvc.perform(get("/api/v1/servers?limit=1").with(httpBasic("admin", ADMIN_PASSWORD + "x")))
                    .andExpect(status().isUnauthorized());
        }
        mvc.perform(get("/api/v1/servers?limit=1").with(httpBasic("nobody", ADMIN_PASSWORD)))
                .andExpect(status().isUnauthorized());

        // each wrong password is checked, and an unknown user costs one too (Spring's guard against user probing)
        assertThat(authentication.slowChecks() - before).isEqualTo(4);
        // and a success clears admin's failures, which the tests that follow would otherwise inherit (LoginThrottle)
        mvc.perform(get("/api/v1/servers?limit=1").with(httpBasic("admin", ADMIN_PASSWORD)))
                .andExpect(status().isOk());
    }
}
