package servmon.dashboard.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import servmon.dashboard.database.DatabaseHealth;
import servmon.dashboard.database.DatabaseUnavailableResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A script gets a 401 it can read (and a Basic challenge), not a redirect to the login page; and a 503 when its
 * credentials could not be checked because the user store (the database) is away: they are not wrong.
 */
class JsonAuthenticationEntryPoint implements AuthenticationEntryPoint {

    private static final String BODY =
            "{\"message\":\"authentication required: use HTTP Basic with a servmon user\"}";

    private final DatabaseHealth database;

    JsonAuthenticationEntryPoint(DatabaseHealth database) {
        this.database = database;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        if (e instanceof InternalAuthenticationServiceException) {
            DatabaseUnavailableResponse.write(response, database.unavailable(e));
            return;
        }
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader("WWW-Authenticate", "Basic realm=\"servmon\"");
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(BODY);
    }
}
