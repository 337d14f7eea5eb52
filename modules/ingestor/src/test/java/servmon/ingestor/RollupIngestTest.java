package servmon.ingestor;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import servmon.events.MetricReport;
import servmon.events.PowerSource;
import servmon.events.ServmonEvent;
import servmon.events.Topics;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/** Minute and hour rollups kept by the running ingestor, on the real broker and database. */
class RollupIngestTest {

    @BeforeAll
    static void startIngestor() {
        RunningIngestor.context();
    }

    @Test
    void rollups_follow_the_samples_late_ones_included() {
        Fleet.Server server = Fleet.register();
        Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(10, ChronoUnit.MINUTES);
        send(server, minute.plusSeconds(1), 1, 10.0, 100.0);
        send(server, minute.plusSeconds(30), 2, 30.0, 200.0);
        await().atMost(Duration.ofSeconds(30)).until(() -> Fleet.sampleCount(server) == 2);

        // a sample of that same minute arrives late, after the others are stored, and one of an earlier hour
        send(server, minute.plusSeconds(59), 3, 50.0, 300.0);
        Instant earlierHour = minute.minus(2, ChronoUnit.HOURS);
        send(server, earlierHour, 4, 90.0, 400.0);
        await().atMost(Duration.ofSeconds(30)).until(() -> Fleet.sampleCount(server) == 4);

        Map<String, Object> bucket = rollup("metric_rollup_1m", server, minute);
        assertThat(bucket).containsEntry("samples", 3).containsEntry("cpu_min", 10.0).containsEntry("cpu_max", 50.0)
                .containsEntry("power_max", 300.0).containsEntry("users_max", 2);
        assertThat((Double) bucket.get("cpu_avg")).isCloseTo(30.0, within(1e-9));
        assertThat((Double) bucket.get("power_avg")).isCloseTo(200.0, within(1e-9));
        // each sample stands for its 8 s interval at its watts
        assertThat((Double) bucket.get("energy_wh")).isCloseTo(600.0 * 8 / 3600, within(1e-9));
        assertThat((Double) bucket.get("estimated_wh")).isCloseTo(600.0 * 8 / 3600, within(1e-9));
        // disk used is cpu MB, network rates the watts (in) and twice the watts (out): see report()
        assertThat((Double) bucket.get("disk_avg")).isCloseTo(30e6, within(1e-3));
        assertThat((Double) bucket.get("net_rx_avg")).isCloseTo(200.0, within(1e-9));
        assertThat((Double) bucket.get("net_tx_avg")).isCloseTo(400.0, within(1e-9));

        Map<String, Object> hour = rollup("metric_rollup_1h", server, minute.truncatedTo(ChronoUnit.HOURS));
        assertThat((Integer) hour.get("samples")).isGreaterThanOrEqualTo(3);
        assertThat(rollup("metric_rollup_1h", server, earlierHour.truncatedTo(ChronoUnit.HOURS)))
                .containsEntry("samples", 1).containsEntry("cpu_max", 90.0);
        assertThat(totalSamples("metric_rollup_1h", server)).isEqualTo(4);
    }

    @Test
    void replayed_and_duplicate_reports_are_counted_once() {
        Fleet.Server server = Fleet.register();
        Instant at = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(5, ChronoUnit.MINUTES);
        MetricReport twice = report(server, at.plusSeconds(10), 1, 40.0, 100.0);
        Fleet.send(Topics.METRICS, server.key(), twice);
        await().atMost(Duration.ofSeconds(30)).until(() -> Fleet.sampleCount(server) == 1);

        // the same report again (a replay), alongside a new one, and then once more in one batch
        Fleet.send(Topics.METRICS, server.key(), twice);
        send(server, at.plusSeconds(20), 2, 60.0, 300.0);
        Fleet.send(Topics.METRICS, server.key(), twice);
        send(server, at.plusSeconds(30), 3, 20.0, 200.0);
        await().atMost(Duration.ofSeconds(30)).until(() -> Fleet.sampleCount(server) == 3);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Map<String, Object> bucket = rollup("metric_rollup_1m", server, at);
            assertThat(bucket).containsEntry("samples", 3).containsEntry("cpu_sum", 120.0)
                    .containsEntry("disk_n", 3).containsEntry("disk_sum", 120e6).containsEntry("net_n", 3)
                    .containsEntry("net_rx_sum", 600.0).containsEntry("net_tx_sum", 1200.0);
            assertThat((Double) bucket.get("energy_wh")).isCloseTo(600.0 * 8 / 3600, within(1e-9));
            assertThat(rollup("metric_rollup_1h", server, at.truncatedTo(ChronoUnit.HOURS)))
                    .containsEntry("samples", 3).containsEntry("cpu_sum", 120.0).containsEntry("net_rx_sum", 600.0);
        });
    }

    @Test
    void partitions_are_made_ahead_for_every_time_partitioned_table() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(partitions("metric_sample")).contains(name(today), name(today.plusDays(3)), "pfuture");
            assertThat(partitions("metric_rollup_1m")).contains(name(today), name(today.plusDays(3)));
            assertThat(partitions("metric_rollup_1h")).contains(
                    "p" + today.toString().substring(0, 7).replace("-", ""),
                    "p" + today.plusMonths(1).toString().substring(0, 7).replace("-", ""));
            assertThat(partitions("server_state_change")).contains(
                    "p" + today.toString().substring(0, 7).replace("-", ""),
                    "p" + today.plusMonths(1).toString().substring(0, 7).replace("-", ""));
        });
    }

    private static String name(LocalDate day) {
        return "p" + day.toString().replace("-", "");
    }

    private static List<String> partitions(String table) {
        return RunningIngestor.jdbc().queryForList("""
                SELECT PARTITION_NAME FROM information_schema.PARTITIONS
                WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?""", String.class, table);
    }

    private static void send(Fleet.Server server, Instant at, long seq, double cpu, double watts) {
        Fleet.send(Topics.METRICS, server.key(), report(server, at, seq, cpu, watts));
    }

    private static MetricReport report(Fleet.Server server, Instant at, long seq, double cpu, double watts) {
        return new MetricReport(ServmonEvent.VERSION, server.key(), at, seq, 8, "boot-1", "h", cpu, watts,
                PowerSource.ESTIMATE, 2, 1_000L, 8_000L, 0.5, (long) cpu * 1_000_000L, 100_000_000L, (long) watts,
                2 * (long) watts, null, null, List.of());
    }

    private static Map<String, Object> rollup(String table, Fleet.Server server, Instant bucket) {
        return RunningIngestor.jdbc().queryForMap("SELECT * FROM " + table + " WHERE server_id = ? AND bucket_start = ?",
                server.id(), LocalDateTime.ofInstant(bucket, ZoneOffset.UTC));
    }

    private static int totalSamples(String table, Fleet.Server server) {
        return RunningIngestor.jdbc().queryForObject("SELECT SUM(samples) FROM " + table + " WHERE server_id = ?",
                Integer.class, server.id());
    }
}
