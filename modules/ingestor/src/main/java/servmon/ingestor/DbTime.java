package servmon.ingestor;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** Instants as the schema stores them: DATETIME(3) in UTC, which the JDBC URL pins as the session zone. */
public final class DbTime {

    private DbTime() {
    }

    /** Truncated to milliseconds, so equal instants always land on the same (server_id, sampled_at) key. */
    public static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC);
    }
}
