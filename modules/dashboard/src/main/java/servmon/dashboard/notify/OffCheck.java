package servmon.dashboard.notify;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Asks, every {@code checkInterval}, whether servers that went OFF have now stayed OFF long enough to tell. */
final class OffCheck implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OffCheck.class);

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("notify-off-check").factory());

    OffCheck(AlertSources sources, Duration checkInterval) {
        long everyMs = checkInterval.toMillis();
        timer.scheduleWithFixedDelay(() -> {
            try {
                sources.raiseDueOffs();
            } catch (RuntimeException e) {  // keep checking: one failed round (database away) must not end it
                log.warn("The OFF check failed, trying again: {}", e.toString());
            }
        }, everyMs, everyMs, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
