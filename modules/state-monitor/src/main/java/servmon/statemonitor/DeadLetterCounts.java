package servmon.statemonitor;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import servmon.events.DeadLetterReason;
import servmon.events.Topics;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts the input records the monitor puts on their dead-letter topics: {@code servmon_dead_letters_total{topic,
 * reason}} in Prometheus, the name the ingestor counts under too. Called from the stream threads: counters made once.
 */
final class DeadLetterCounts {

    /** The input topics whose records the monitor decodes, so the ones it refuses. */
    static final List<String> TOPICS = List.of(Topics.SERVERS.name(), Topics.METRICS.name(),
            Topics.WAKE_COMMANDS.name(), Topics.AGENT_REPLIES.name());

    private final Map<String, Map<DeadLetterReason, Counter>> counters = new HashMap<>();

    DeadLetterCounts(MeterRegistry registry) {
        for (String topic : TOPICS) {
            Map<DeadLetterReason, Counter> byReason = new EnumMap<>(DeadLetterReason.class);
            for (DeadLetterReason reason : DeadLetterReason.values()) {
                byReason.put(reason, Counter.builder("servmon.dead.letters")
                        .description("Records refused and put on their topic's dead-letter topic")
                        .tag("topic", topic)
                        .tag("reason", reason.tag())
                        .register(registry));
            }
            counters.put(topic, byReason);
        }
    }

    /** Counted in a registry of its own that nobody reads: for tests that drive the topology directly. */
    static DeadLetterCounts unobserved() {
        return new DeadLetterCounts(new SimpleMeterRegistry());
    }

    void deadLettered(String topic, DeadLetterReason reason) {
        Map<DeadLetterReason, Counter> byReason = counters.get(topic);
        if (byReason != null) {
            byReason.get(reason).increment();
        }
    }
}
