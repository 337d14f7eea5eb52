package servmon.dashboard.database;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The API's answer while the database is away: 503 with the reason, since when, and when to try again. Never 401:
 * the caller's credentials are not in doubt, only the store that checks them is away.
 */
public final class DatabaseUnavailableResponse {

    static final Duration RETRY_AFTER = Duration.ofSeconds(5);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private DatabaseUnavailableResponse() {
    }

    static Map<String, Object> body(DatabaseHealth.Outage outage) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message", "the database is unavailable (" + outage.reason() + "); reports wait in Kafka"
                + " and are stored when it is back: try again shortly");
        body.put("unavailableSince", outage.since().toString());
        return body;
    }

    /** Writes the 503; for the security filters, which answer before any controller advice could. */
    public static void write(HttpServletResponse response, DatabaseHealth.Outage outage) throws IOException {
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER.toSeconds()));
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(JSON.writeValueAsString(body(outage)));
    }
}
