package servmon.ingestor;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;
import servmon.events.DeadLetterReason;
import servmon.events.Topics;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The ingestor's own meters, as Prometheus shows them: {@code servmon_ingest_rows_total},
 * {@code servmon_ingest_batch_size_samples}, {@code servmon_ingest_db_time_seconds},
 * {@code servmon_ingest_delay_seconds{quantile="0.5"|"0.99"}}, {@code servmon_ingest_delay_histogram_seconds_bucket}
 * and {@code servmon_dead_letters_total{topic,reason}} (the name every service counts its dead letters under).
 * Hot path: every meter is created once here; recording allocates nothing.
 */
@Component
public class IngestMeters {

    static final String DEAD_LETTERS = "servmon.dead.letters";

    /** The topics whose refused records the ingestor dead-letters. */
    static final List<String> DEAD_LETTERED_TOPICS =
            List.of(Topics.METRICS.name(), Topics.SERVER_STATE.name(), Topics.WAKE_RESULTS.name());

    private final Counter rows;
    private final DistributionSummary batchSize;
    private final Timer dbTime;
    private final Timer delay;
    private final Timer delayHistogram;
    private final Map<String, Map<DeadLetterReason, Counter>> deadLetters = new HashMap<>();

    public IngestMeters(MeterRegistry registry) {
        rows = Counter.builder("servmon.ingest.rows")
                .description("Metric samples written to the database")
                .register(registry);
        batchSize = DistributionSummary.builder("servmon.ingest.batch.size")
                .description("Samples per database batch")
                .baseUnit("samples")
                .register(registry);
        dbTime = Timer.builder("servmon.ingest.db.time")
                .description("Time to write and commit one batch of samples")
                .register(registry);
        // Two timers for one delay: Prometheus drops client-side percentiles from a timer that also publishes a
        // histogram. The percentiles are this instance's p50/p99 as benchmarks read them; the histogram's buckets
        // aggregate over instances in Prometheus (histogram_quantile).
        delay = Timer.builder("servmon.ingest.delay")
                .description("From a sample's sampledAt on the agent to its database commit")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
        delayHistogram = Timer.builder("servmon.ingest.delay.histogram")
                .description("From a sample's sampledAt on the agent to its database commit, as buckets")
                .publishPercentileHistogram()
                // an agent replaying its spool after an outage delivers samples minutes old
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(10))
                .register(registry);
        for (String topic : DEAD_LETTERED_TOPICS) {
            Map<DeadLetterReason, Counter> byReason = new EnumMap<>(DeadLetterReason.class);
            for (DeadLetterReason reason : DeadLetterReason.values()) {
                byReason.put(reason, Counter.builder(DEAD_LETTERS)
                        .description("Records refused and put on their topic's dead-letter topic")
                        .tag("topic", topic)
                        .tag("reason", reason.tag())
                        .register(registry));
            }
            deadLetters.put(topic, byReason);
        }
    }

    /** One batch of samples is in the database: how many, and how long the write and commit took. */
    public void batchWritten(int samples, long dbNanos) {
        rows.increment(samples);
        batchSize.record(samples);
        dbTime.record(dbNanos, TimeUnit.NANOSECONDS);
    }

    /**
     * Samples taken at {@code sampledAts} were committed at {@code committedAt}. A sample from an agent whose clock
     * runs ahead would have a negative delay; the timer ignores it rather than report a false zero.
     */
    public void samplesCommitted(List<Instant> sampledAts, Instant committedAt) {
        for (int i = 0, n = sampledAts.size(); i < n; i++) {
            Instant sampledAt = sampledAts.get(i);
            long nanos = (committedAt.getEpochSecond() - sampledAt.getEpochSecond()) * 1_000_000_000L
                    + (committedAt.getNano() - sampledAt.getNano());
            if (nanos >= 0) {
                delay.record(nanos, TimeUnit.NANOSECONDS);
                delayHistogram.record(nanos, TimeUnit.NANOSECONDS);
            }
        }
    }

    /** A record of {@code topic} went to its dead-letter topic. */
    public void deadLetter(String topic, DeadLetterReason reason) {
        deadLetters.get(topic).get(reason).increment();
    }
}
