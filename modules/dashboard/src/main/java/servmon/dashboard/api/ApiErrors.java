package servmon.dashboard.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import servmon.dashboard.servers.EventPublishException;
import servmon.dashboard.servers.ServerNotFoundException;
import servmon.dashboard.servers.ServerValidationException;

import java.time.Instant;

/** Errors as JSON a script can act on: which field and why, or what is missing, never an HTML page. */
@RestControllerAdvice(assignableTypes = {ServersApi.class, EnergyApi.class})
class ApiErrors {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    @ExceptionHandler
    @ResponseStatus(HttpStatus.BAD_REQUEST)
    ApiError invalid(ServerValidationException e) {
        return new ApiError(e.field(), e.getMessage());
    }

    @ExceptionHandler
    @ResponseStatus(HttpStatus.BAD_REQUEST)
    ApiError unreadable(HttpMessageNotReadableException e) {
        return new ApiError(null, "the body must be JSON like {\"name\":\"web-1\",\"mac\":null}");
    }

    @ExceptionHandler
    @ResponseStatus(HttpStatus.BAD_REQUEST)
    ApiError badQuery(BadQueryException e) {
        return new ApiError(e.parameter(), e.getMessage());
    }

    /** A path id that is not a number names no server (404); a query parameter of the wrong type is a 400. */
    @ExceptionHandler
    ResponseEntity<ApiError> mistyped(MethodArgumentTypeMismatchException e) {
        if ("id".equals(e.getName())) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(new ApiError(null, "no server with id " + e.getValue()));
        }
        String expected = e.getRequiredType() == Instant.class
                ? "an ISO-8601 instant such as 2026-01-31T12:00:00Z"
                : "a number";
        return ResponseEntity.badRequest().body(new ApiError(e.getName(), e.getName() + " must be " + expected));
    }

    @ExceptionHandler
    @ResponseStatus(HttpStatus.NOT_FOUND)
    ApiError notFound(ServerNotFoundException e) {
        return new ApiError(null, e.getMessage());
    }

    @ExceptionHandler
    @ResponseStatus(HttpStatus.SERVICE_UNAVAILABLE)
    ApiError kafkaDown(EventPublishException e) {
        log.warn("API request failed: {}", e.getMessage());
        return new ApiError(null, e.getMessage() + " (nothing was changed; try again)");
    }

    /** @param field the request field at fault, absent when the error is not about one field */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ApiError(String field, String message) {
    }
}
