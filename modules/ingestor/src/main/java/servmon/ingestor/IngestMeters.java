package servmon.ingestor;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The ingestor's own meters, as Prometheus shows them: {@code servmon_ingest_rows_total},
 * {@code servmon_ingest_batch_size_samples}, {@code servmon_ingest_db_time_seconds},
 * {@code servmon_ingest_delay_seconds{quantile="0.5"|"0.99"}}, {@code servmon_ingest_delay_histogram_seconds_bucket}
 * and {@code servmon_ingest_dead_letters_total{reason}}.
 * Hot path: every meter is created once here; recording allocates nothing.
 */
@Component
public class IngestMeters {

    /** Why a record went to the dead-letter topic, as a bounded tag (the header keeps the full text). */
    enum DeadLetterReason {
        NO_KEY("record has no key"),
        BAD_KEY("record key is not a server key"),
        KEY_MISMATCH("record key "),  // "record key X does not match serverKey Y": after the two above
        EMPTY("empty value"),
        UNSUPPORTED_VERSION(null),
        MALFORMED("malformed "),
        CLOCK("sampledAt "),
        UNKNOWN_SERVER("unknown server key"),
        OTHER(null);

        private final String prefix;

        DeadLetterReason(String prefix) {
            this.prefix = prefix;
        }

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The category of a refusal's text (see ReportTriage and EventCodec for the texts). */
        static DeadLetterReason of(String reason) {
            if (reason == null) {
                return OTHER;
            }
            if (reason.contains("unsupported event version")) {
                return UNSUPPORTED_VERSION;  // EventCodec says "malformed X: unsupported event version v=…"
            }
            for (DeadLetterReason category : values()) {
                if (category.prefix != null && reason.startsWith(category.prefix)) {
                    return category;
                }
            }
            return OTHER;
        }
    }

    private final Counter rows;
    private final DistributionSummary batchSize;
    private final Timer dbTime;
    private final Timer delay;
    private final Timer delayHistogram;
    private final Map<DeadLetterReason, Counter> deadLetters = new EnumMap<>(DeadLetterReason.class);

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
        for (DeadLetterReason reason : DeadLetterReason.values()) {
            deadLetters.put(reason, Counter.builder("servmon.ingest.dead.letters")
                    .description("Metric records refused and put on the dead-letter topic")
                    .tag("reason", reason.tag())
                    .register(registry));
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

    /** A record went to the dead-letter topic; {@code reason} is the refusal's text, counted by its category. */
    public void deadLetter(String reason) {
        deadLetters.get(DeadLetterReason.of(reason)).increment();
    }
}
