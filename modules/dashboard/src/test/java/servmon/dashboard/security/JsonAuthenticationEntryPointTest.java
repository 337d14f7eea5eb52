package servmon.dashboard.security;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import servmon.dashboard.database.DatabaseHealth;

import java.net.ConnectException;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

class JsonAuthenticationEntryPointTest {

    private final DatabaseHealth database = new DatabaseHealth();
    private final JsonAuthenticationEntryPoint entryPoint = new JsonAuthenticationEntryPoint(database);

    @Test
    void credentials_that_could_not_be_checked_for_want_of_the_database_get_503_not_401() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        entryPoint.commence(new MockHttpServletRequest(), response, new InternalAuthenticationServiceException(
                "could not load the user", new CannotGetJdbcConnectionException("no connection",
                        new SQLException("link failure", new ConnectException("Connection refused")))));

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("WWW-Authenticate")).as("no login prompt: the credentials are not wrong").isNull();
        assertThat(response.getContentAsString()).contains("the database is unavailable (Connection refused)");
        assertThat(database.outage()).isPresent();
    }

    @Test
    void wrong_credentials_still_get_401() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        entryPoint.commence(new MockHttpServletRequest(), response, new BadCredentialsException("bad"));

        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(response.getHeader("WWW-Authenticate")).startsWith("Basic");
        assertThat(database.outage()).isEmpty();
    }
}
