package servmon.dashboard.security;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import servmon.dashboard.DashboardTestSupport;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Pages and API answers tell the browser not to sniff, not to be framed, and where scripts may come from (the login
 * page itself, which MockMvc cannot render, is checked in DoorOverRealHttpTest).
 */
class SecurityHeadersTest extends DashboardTestSupport {

    @Autowired
    MockMvc mvc;

    @Test
    void a_redirect_to_the_login_page_carries_them_too() throws Exception {
        expectSecurityHeaders(mvc.perform(get("/servers/new")).andExpect(status().is3xxRedirection()));
    }

    @Test
    void api_answers_carry_them_too() throws Exception {
        expectSecurityHeaders(mvc.perform(get("/api/v1/servers?limit=1").with(httpBasic("admin", ADMIN_PASSWORD)))
                .andExpect(status().isOk()));
        expectSecurityHeaders(mvc.perform(get("/api/v1/servers")).andExpect(status().isUnauthorized()));
    }

    static void expectSecurityHeaders(ResultActions response) throws Exception {
        response.andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andExpect(header().string("X-Frame-Options", "DENY"))
                .andExpect(header().string("Referrer-Policy", "same-origin"))
                .andExpect(header().string("Content-Security-Policy", allOf(
                        containsString("default-src 'self'"),
                        containsString("frame-ancestors 'none'"),
                        containsString("object-src 'none'"),
                        containsString("base-uri 'self'"),
                        containsString("form-action 'self'"))));
    }
}
