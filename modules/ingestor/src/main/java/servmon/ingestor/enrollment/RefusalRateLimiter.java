package servmon.ingestor.enrollment;

import servmon.events.ServerId;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most one answer (refusal, or removal order) per unknown key per interval, so an agent with a wrong key cannot
 * flood the agent-control topic, nor the database with look-ups of removed servers.
 */
final class RefusalRateLimiter {

    /** Beyond this many remembered keys, those whose interval has passed are dropped; bounds the memory a flood costs. */
    private static final int PRUNE_ABOVE = 10_000;

    private final Duration interval;
    private final Clock clock;
    private final Map<ServerId, Instant> lastRefusal = new ConcurrentHashMap<>();

    RefusalRateLimiter(Duration interval, Clock clock) {
        this.interval = interval;
        this.clock = clock;
    }

    /** True if a refusal may be sent to {@code key} now; the caller then sends it. */
    boolean tryAcquire(ServerId key) {
        Instant now = clock.instant();
        if (lastRefusal.size() > PRUNE_ABOVE) {
            lastRefusal.values().removeIf(last -> !now.isBefore(last.plus(interval)));
        }
        boolean[] allowed = {false};
        lastRefusal.compute(key, (k, last) -> {
            if (last == null || !now.isBefore(last.plus(interval))) {
                allowed[0] = true;
                return now;
            }
            return last;
        });
        return allowed[0];
    }
}
