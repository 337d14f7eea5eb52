package servmon.dashboard.database;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.ConnectException;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The API while the database is away: 503 with the reason, whether the outage is known yet or not. */
class DatabaseUnavailableApiTest {

    private final DatabaseHealth health = new DatabaseHealth();

    @Test
    void a_known_outage_is_answered_503_before_anything_needs_the_database() throws Exception {
        health.unavailable(new SQLException("down", new ConnectException("Connection refused")));
        MockFilterChain chain = new MockFilterChain();
        MockHttpServletResponse response = new MockHttpServletResponse();

        new DatabaseUnavailableFilter(health).doFilter(new MockHttpServletRequest("GET", "/api/v1/servers"), response, chain);

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isEqualTo("5");
        assertThat(response.getContentAsString()).contains("the database is unavailable (Connection refused)")
                .contains("\"unavailableSince\":\"");
        assertThat(chain.getRequest()).as("nothing behind the filter ran").isNull();
    }

    @Test
    void without_an_outage_requests_pass() throws Exception {
        MockFilterChain chain = new MockFilterChain();
        new DatabaseUnavailableFilter(health).doFilter(new MockHttpServletRequest("GET", "/api/v1/servers"),
                new MockHttpServletResponse(), chain);
        assertThat(chain.getRequest()).isNotNull();
    }

    @Test
    void a_request_that_loses_its_connection_answers_503_and_starts_the_outage() throws Exception {
        MockMvc mvc = MockMvcBuilders.standaloneSetup(new LosesItsConnection())
                .setControllerAdvice(new DatabaseErrors(health)).build();

        mvc.perform(get("/api/v1/anything"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "5"))
                .andExpect(jsonPath("$.message").value(org.hamcrest.Matchers.containsString("Connection refused")))
                .andExpect(jsonPath("$.unavailableSince").exists());
        assertThat(health.outage()).isPresent();
    }

    @RestController
    static class LosesItsConnection {

        @GetMapping("/api/v1/anything")
        String anything() {
            throw new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
                    new SQLException("Communications link failure", new ConnectException("Connection refused")));
        }
    }
}
