package servmon.bench;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import org.springframework.context.ConfigurableApplicationContext;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * How long a sample takes from its agent's clock to the database: p50 and p99. Read from the ingestor's own timer
 * {@code servmon.ingest.delay} (Prometheus: servmon_ingest_delay_seconds), the same meter its actuator endpoint
 * serves, when the ingestor has one with percentiles; otherwise measured from {@code server_status}.
 */
abstract sealed class IngestDelay permits IngestDelay.FromTimer, IngestDelay.FromServerStatus,
        IngestDelay.FromPrometheus {

    record Percentiles(double p50Seconds, double p99Seconds, long count) {
    }

    static final String METER = "servmon.ingest.delay";

    static IngestDelay of(ConfigurableApplicationContext ingestor, BenchInfrastructure infrastructure) throws SQLException {
        MeterRegistry registry = null;
        try {
            registry = ingestor.getBeanProvider(MeterRegistry.class).getIfAvailable();
        } catch (RuntimeException | NoClassDefFoundError e) {
            // an ingestor without Micrometer
        }
        Timer timer = registry == null ? null : registry.find(METER).timer();
        if (timer != null && timer.takeSnapshot().percentileValues().length > 0) {
            return new FromTimer(timer);
        }
        String why = registry == null ? "the ingestor has no Micrometer registry"
                : timer == null ? "the ingestor has no " + METER + " timer" : METER + " publishes no percentiles";
        return new FromServerStatus(infrastructure.connect(), why);
    }

    /** Called every few seconds; only the server_status fallback needs it. */
    void poll() throws SQLException {
    }

    /** The delay since the previous call (the timer: its decaying window). */
    abstract Percentiles take() throws SQLException;

    abstract String source();

    static final class FromTimer extends IngestDelay {
        private final Timer timer;

        FromTimer(Timer timer) {
            this.timer = timer;
        }

        @Override
        Percentiles take() {
            double p50 = Double.NaN;
            double p99 = Double.NaN;
            var snapshot = timer.takeSnapshot();
            for (ValueAtPercentile v : snapshot.percentileValues()) {
                if (Math.abs(v.percentile() - 0.5) < 1e-9) {
                    p50 = v.value(TimeUnit.SECONDS);
                } else if (Math.abs(v.percentile() - 0.99) < 1e-9) {
                    p99 = v.value(TimeUnit.SECONDS);
                }
            }
            return new Percentiles(p50, p99, snapshot.count());
        }

        @Override
        String source() {
            return "ingestor timer " + METER + " (the actuator's servmon_ingest_delay_seconds)";
        }
    }

    /**
     * Fallback: each server_status row the ingestor updated since the last poll gives updated_at − last_sampled_at.
     * updated_at is when the ingestor's batch arrived, just before its commit, so this reads slightly low.
     */
    static final class FromServerStatus extends IngestDelay {
        private final Connection connection;
        private final String why;
        private final List<Double> window = new ArrayList<>();
        private Timestamp since = new Timestamp(0);

        FromServerStatus(Connection connection, String why) {
            this.connection = connection;
            this.why = why;
        }

        @Override
        void poll() throws SQLException {
            try (PreparedStatement ps = connection.prepareStatement("SELECT updated_at,"
                    + " TIMESTAMPDIFF(MICROSECOND, last_sampled_at, updated_at) FROM server_status"
                    + " WHERE updated_at > ? AND last_sampled_at IS NOT NULL")) {
                ps.setTimestamp(1, since);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Timestamp updated = rs.getTimestamp(1);
                        if (updated.after(since)) {
                            since = updated;
                        }
                        window.add(rs.getLong(2) / 1e6);
                    }
                }
            }
        }

        @Override
        Percentiles take() throws SQLException {
            poll();
            Collections.sort(window);
            Percentiles p = window.isEmpty() ? new Percentiles(Double.NaN, Double.NaN, 0)
                    : new Percentiles(at(0.5), at(0.99), window.size());
            window.clear();
            return p;
        }

        private double at(double quantile) {
            return window.get((int) Math.min(window.size() - 1, Math.ceil(quantile * window.size()) - 1));
        }

        @Override
        String source() {
            return "FALLBACK server_status.updated_at − last_sampled_at, polled every 2 s (" + why + ")";
        }
    }

    /**
     * The same timer read over HTTP from the ingestor's actuator (a whole system in process, whose service contexts
     * the benchmark does not hold): {@code servmon_ingest_delay_seconds{quantile="0.5"|"0.99"}} and its count.
     */
    static final class FromPrometheus extends IngestDelay {
        private final PrometheusScrape scrape;

        FromPrometheus(PrometheusScrape scrape) {
            this.scrape = scrape;
        }

        @Override
        Percentiles take() {
            var metrics = scrape.fetch();
            return new Percentiles(metrics.value("servmon_ingest_delay_seconds", "quantile=\"0.5\""),
                    metrics.value("servmon_ingest_delay_seconds", "quantile=\"0.99\""),
                    (long) metrics.value("servmon_ingest_delay_seconds_count", ""));
        }

        @Override
        String source() {
            return "ingestor actuator " + scrape.url() + ": servmon_ingest_delay_seconds{quantile=\"0.5\"|\"0.99\"}";
        }
    }
}
