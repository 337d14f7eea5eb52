package servmon.dashboard.database;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.util.Map;

/**
 * A request of the API that lost its database connection (before the probe noticed the outage) answers 503 with
 * the reason, like every request after it, instead of a 500.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class DatabaseErrors {

    private final DatabaseHealth health;

    DatabaseErrors(DatabaseHealth health) {
        this.health = health;
    }

    // Spring's names for "could not reach the database": no connection, a connection lost mid-request, or no
    // transaction because there was no connection to begin it on
    @ExceptionHandler({DataAccessResourceFailureException.class, RecoverableDataAccessException.class,
            TransientDataAccessResourceException.class, CannotCreateTransactionException.class})
    ResponseEntity<Map<String, Object>> unavailable(Exception e) {
        DatabaseHealth.Outage outage = health.unavailable(e);
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(DatabaseUnavailableResponse.RETRY_AFTER.toSeconds()))
                .body(DatabaseUnavailableResponse.body(outage));
    }
}
