package servmon.dashboard.database;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Optional;

/**
 * While an outage is known, the API answers 503 at once, before the login check (which would need the database)
 * and before the connection pool (which would wait its whole timeout for a database that is not there).
 */
class DatabaseUnavailableFilter extends OncePerRequestFilter {

    private final DatabaseHealth health;

    DatabaseUnavailableFilter(DatabaseHealth health) {
        this.health = health;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<DatabaseHealth.Outage> outage = health.outage();
        if (outage.isPresent()) {
            DatabaseUnavailableResponse.write(response, outage.get());
            return;
        }
        chain.doFilter(request, response);
    }
}
