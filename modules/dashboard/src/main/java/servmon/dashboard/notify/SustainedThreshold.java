package servmon.dashboard.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * "Above a value for a while", judged on each server's own samples and their times (not the wall clock), once per
 * episode: an episode ends with a sample at or below the value, or with a gap of more than three reporting intervals
 * (a server that stopped reporting proves nothing about its load). Not thread-safe.
 */
final class SustainedThreshold<K> {

    private final double above;
    private final Duration lastingFor;
    private final Map<K, Episode> episodes = new HashMap<>();

    SustainedThreshold(double above, Duration lastingFor) {
        this.above = above;
        this.lastingFor = lastingFor;
    }

    /**
     * Takes one sample; returns when the episode began if this sample is the one that makes it last
     * {@code lastingFor}, empty otherwise (also for every later sample of the same episode).
     */
    Optional<Instant> offer(K key, Instant sampledAt, int intervalS, Double value) {
        if (value == null || value <= above) {
            episodes.remove(key);
            return Optional.empty();
        }
        Episode episode = episodes.get(key);
        Duration longestGap = Duration.ofSeconds(3L * Math.max(1, intervalS));
        if (episode == null || sampledAt.isBefore(episode.last())
                || Duration.between(episode.last(), sampledAt).compareTo(longestGap) > 0) {
            episode = new Episode(sampledAt, sampledAt, false);
        }
        boolean lastedLongEnough = Duration.between(episode.start(), sampledAt).compareTo(lastingFor) >= 0;
        boolean fires = lastedLongEnough && !episode.alerted();
        episodes.put(key, new Episode(episode.start(), sampledAt, episode.alerted() || fires));
        return fires ? Optional.of(episode.start()) : Optional.empty();
    }

    void forget(K key) {
        episodes.remove(key);
    }

    private record Episode(Instant start, Instant last, boolean alerted) {
    }
}
