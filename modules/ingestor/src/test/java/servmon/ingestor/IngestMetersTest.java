package servmon.ingestor;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;
import servmon.events.DeadLetterReason;
import servmon.events.Topics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The meters as Prometheus renders them: the names benchmarks and the Grafana dashboard read. */
class IngestMetersTest {

    final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    final IngestMeters meters = new IngestMeters(registry);

    @Test
    void written_batches_count_rows_sizes_and_database_time() {
        meters.batchWritten(300, Duration.ofMillis(40).toNanos());
        meters.batchWritten(100, Duration.ofMillis(20).toNanos());

        String scrape = registry.scrape();

        assertThat(value(scrape, "servmon_ingest_rows_total")).isEqualTo(400);
        assertThat(value(scrape, "servmon_ingest_batch_size_samples_count")).isEqualTo(2);
        assertThat(value(scrape, "servmon_ingest_batch_size_samples_sum")).isEqualTo(400);
        assertThat(value(scrape, "servmon_ingest_batch_size_samples_max")).isEqualTo(300);
        assertThat(value(scrape, "servmon_ingest_db_time_seconds_count")).isEqualTo(2);
        assertThat(value(scrape, "servmon_ingest_db_time_seconds_sum")).isCloseTo(0.060, within(1e-9));
    }

    @Test
    void ingest_delay_is_published_as_p50_p99_and_a_histogram() {
        Instant committedAt = Instant.parse("2030-01-01T00:00:10Z");
        List<Instant> sampledAts = new ArrayList<>();
        for (int ms = 1; ms <= 1000; ms++) {
            sampledAts.add(committedAt.minusMillis(ms));
        }
        sampledAts.add(committedAt.plusSeconds(5));  // an agent whose clock runs ahead: not a delay of zero

        meters.samplesCommitted(sampledAts, committedAt);

        String scrape = registry.scrape();
        assertThat(value(scrape, "servmon_ingest_delay_seconds_count")).isEqualTo(1000);
        assertThat(value(scrape, "servmon_ingest_delay_seconds{quantile=\"0.5\"}")).isCloseTo(0.5, within(0.02));
        assertThat(value(scrape, "servmon_ingest_delay_seconds{quantile=\"0.99\"}")).isCloseTo(0.99, within(0.02));
        assertThat(value(scrape, "servmon_ingest_delay_histogram_seconds_bucket{le=\"0.001\"}")).isEqualTo(1);
        assertThat(value(scrape, "servmon_ingest_delay_histogram_seconds_bucket{le=\"+Inf\"}")).isEqualTo(1000);
    }

    @Test
    void dead_letters_are_counted_by_topic_and_reason_category_not_by_text() {
        meters.deadLetter(Topics.METRICS.name(), DeadLetterReason.UNKNOWN_SERVER);
        meters.deadLetter(Topics.METRICS.name(), DeadLetterReason.UNKNOWN_SERVER);
        meters.deadLetter(Topics.SERVER_STATE.name(), DeadLetterReason.CLOCK);

        String scrape = registry.scrape();

        assertThat(value(scrape,
                "servmon_dead_letters_total{reason=\"unknown_server\",topic=\"servmon.metrics.v1\"}")).isEqualTo(2);
        assertThat(value(scrape,
                "servmon_dead_letters_total{reason=\"clock\",topic=\"servmon.server-state.v1\"}")).isEqualTo(1);
        assertThat(value(scrape,
                "servmon_dead_letters_total{reason=\"clock\",topic=\"servmon.metrics.v1\"}")).isZero();
        assertThat(scrape.lines().filter(line -> line.startsWith("servmon_dead_letters_total{")))
                .hasSize(IngestMeters.DEAD_LETTERED_TOPICS.size() * DeadLetterReason.values().length);
    }

    /** The value of the one sample line that starts with {@code series} (name and, optionally, labels). */
    static double value(String scrape, String series) {
        List<String> lines = scrape.lines().filter(line -> line.startsWith(series + " ")
                || (!series.endsWith("}") && line.startsWith(series + "{"))).toList();
        assertThat(lines).as("sample lines of %s", series).hasSize(1);
        String line = lines.getFirst();
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }
}
