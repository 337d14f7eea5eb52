package servmon.dashboard.database;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Whether the dashboard can reach its database, and since when not: fed by {@link DatabaseProbe} and by the
 * requests that fail on a lost connection, read by the API (503 instead of waiting or a misleading 401) and by
 * the {@link DatabaseBanner}.
 */
@Component
public class DatabaseHealth {

    private static final Logger log = LoggerFactory.getLogger(DatabaseHealth.class);

    private final Clock clock;
    private final AtomicReference<Outage> outage = new AtomicReference<>();

    public DatabaseHealth() {
        this(Clock.systemUTC());
    }

    DatabaseHealth(Clock clock) {
        this.clock = clock;
    }

    /** The current outage, empty while the database answers. */
    public Optional<Outage> outage() {
        return Optional.ofNullable(outage.get());
    }

    /**
     * Records a failure to reach the database and returns the outage it belongs to: one already under way keeps
     * its start and reason.
     */
    public Outage unavailable(Throwable cause) {
        Outage started = new Outage(clock.instant(), reason(cause));
        if (outage.compareAndSet(null, started)) {
            log.warn("Database unavailable: {}", started.reason());
            return started;
        }
        Outage current = outage.get();
        return current != null ? current : started;
    }

    void available() {
        Outage ended = outage.getAndSet(null);
        if (ended != null) {
            log.info("Database available again (unavailable since {})", ended.since());
        }
    }

    /** The innermost message: "Connection refused" says more than the layers of wrapping around it. */
    private static String reason(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        message = message.strip().replaceAll("\\s+", " ");
        return message.length() > 200 ? message.substring(0, 200) + "…" : message;
    }

    /**
     * @param since  when the first failure was seen
     * @param reason what the last layer said, e.g. "Connection refused"
     */
    public record Outage(Instant since, String reason) {
    }
}
