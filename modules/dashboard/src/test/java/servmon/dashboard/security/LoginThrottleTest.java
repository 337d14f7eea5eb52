package servmon.dashboard.security;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import servmon.dashboard.DashboardTestSupport;
import servmon.store.user.AppUser;
import servmon.store.user.AppUserRepository;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Password guessing slows down: after a few failures for one user, or more from one address, every attempt (even
 * with the right password) is answered 429 with Retry-After until a backoff that doubles with each failure ends.
 * Each test uses its own users and addresses (documentation ranges), as the tests share one context.
 */
class LoginThrottleTest extends DashboardTestSupport {

    private static final String PASSWORD = "right-password-1";

    @Autowired
    MockMvc mvc;
    @Autowired
    AppUserRepository users;
    @Autowired
    PasswordEncoder passwordEncoder;

    @Test
    void failures_for_one_user_from_many_addresses_end_in_429_and_the_right_password_works_after_the_backoff()
            throws Exception {
        String user = newUser();
        for (int i = 1; i <= 5; i++) {
            api(user, "guess-" + i, "198.51.100." + i).andExpect(status().isUnauthorized());
        }

        MvcResult throttled = api(user, PASSWORD, "198.51.100.77")
                .andExpect(status().isTooManyRequests())
                .andExpect(header().exists("Retry-After"))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.message").value(org.hamcrest.Matchers.containsString("too many failed logins")))
                .andReturn();
        assertThat(Integer.parseInt(throttled.getResponse().getHeader("Retry-After"))).isPositive();

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                api(user, PASSWORD, "198.51.100.78").andExpect(status().isOk()));
        // a success forgets the user's failures: one more mistake is not throttled
        api(user, "typo", "198.51.100.79").andExpect(status().isUnauthorized());
        api(user, PASSWORD, "198.51.100.79").andExpect(status().isOk());
    }

    @Test
    void failures_from_one_address_for_many_users_throttle_that_address_only() throws Exception {
        String address = "203.0.113.21";
        for (int i = 0; i < 20; i++) {
            api(uniqueName("probe"), "guess", address).andExpect(status().isUnauthorized());
        }

        api("admin", ADMIN_PASSWORD, address)
                .andExpect(status().isTooManyRequests())
                .andExpect(header().exists("Retry-After"));
        api("admin", ADMIN_PASSWORD, "203.0.113.22").andExpect(status().isOk());
    }

    @Test
    void the_login_form_of_a_throttled_user_redirects_to_the_login_page_with_the_wait() throws Exception {
        String user = newUser();
        for (int i = 1; i <= 5; i++) {
            form(user, "guess-" + i, "198.51.100.1" + i).andExpect(redirectedUrl("/login?error"));
        }

        MvcResult throttled = form(user, PASSWORD, "198.51.100.30")
                .andExpect(status().is3xxRedirection())
                .andExpect(header().exists("Retry-After"))
                .andReturn();
        assertThat(throttled.getResponse().getRedirectedUrl()).matches("/login\\?throttled=[1-9][0-9]*");
    }

    private org.springframework.test.web.servlet.ResultActions api(String user, String password, String address)
            throws Exception {
        return mvc.perform(get("/api/v1/servers?limit=1").with(httpBasic(user, password)).with(from(address)));
    }

    private org.springframework.test.web.servlet.ResultActions form(String user, String password, String address)
            throws Exception {
        return mvc.perform(post("/login").param("username", user).param("password", password)
                .with(csrf()).with(from(address)));
    }

    static RequestPostProcessor from(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }

    private String newUser() {
        String name = uniqueName("throttled");
        users.saveAndFlush(new AppUser(name, passwordEncoder.encode(PASSWORD), "VIEWER",
                Instant.now().truncatedTo(ChronoUnit.MILLIS)));
        return name;
    }
}
