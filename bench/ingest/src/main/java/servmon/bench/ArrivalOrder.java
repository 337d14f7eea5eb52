package servmon.bench;

import java.time.Instant;

/**
 * When each simulated report was sampled: every server once per round, rounds one second apart, the fleet spread
 * over the second (server {@code i} a few milliseconds after server {@code i-1}), as a live fleet arrives.
 */
final class ArrivalOrder {

    private ArrivalOrder() {
    }

    static Instant sampledAt(Instant firstSample, int server, long round) {
        return firstSample.plusSeconds(round).plusMillis(server % 1000);
    }

    /** A start far enough back that the last round is still a few minutes in the past: recent, never future. */
    static Instant firstSampleFor(long rounds) {
        return Instant.now().minusSeconds(rounds + 300).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    }
}
