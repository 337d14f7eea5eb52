package servmon.store.history;

import java.time.Instant;

/** One time a server was ASLEEP, as the ingestor keeps it in {@code sleep_period}; wokeAt null while it sleeps. */
public record SleepSpan(Instant asleepAt, Instant wokeAt) {
}
