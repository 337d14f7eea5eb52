package servmon.agent;

import org.awaitility.Awaitility;

import java.time.Duration;
import java.util.function.IntSupplier;

/** Waiting for an agent that was told to stop to have fallen silent, on a machine that may be loaded. */
final class NoMoreReports {

    private NoMoreReports() {
    }

    /**
     * Returns once {@code reportsRead} stays the same for 3 s (three intervals of a test agent). Reports sent before
     * the stop may still be on their way to the reader, so the count may grow for a while; an agent still reporting
     * every second never gets here, and the wait fails after 20 s.
     */
    static void await(IntSupplier reportsRead) {
        int[] seen = {-1};
        Awaitility.await().pollInSameThread().pollInterval(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(20)).until(() -> {
            int now = reportsRead.getAsInt();
            boolean quiet = now == seen[0];
            seen[0] = now;
            return quiet;
        });
    }
}
