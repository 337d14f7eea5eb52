package servmon.ingestor;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import servmon.embedded.TopicRecords;
import servmon.events.MetricReport;
import servmon.events.Topics;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class MetricsIngestTest {

    @BeforeAll
    static void startIngestor() {
        RunningIngestor.context();
    }

    @Test
    void valid_reports_land_in_metric_sample_and_server_status() {
        Fleet.Server server = Fleet.register();
        Instant first = Fleet.recent(16);
        Instant second = Fleet.recent(8);
        Fleet.send(Topics.METRICS, server.key(), Fleet.report(server.key(), first, 1, 12.5));
        Fleet.send(Topics.METRICS, server.key(), Fleet.report(server.key(), second, 2, 40.0));

        await().atMost(Duration.ofSeconds(30)).until(() -> Fleet.sampleCount(server) == 2);

        Map<String, Object> sample = RunningIngestor.jdbc().queryForMap(
                "SELECT * FROM metric_sample WHERE server_id = ? AND sampled_at = ?", server.id(), utc(first));
        assertThat(sample).containsEntry("seq", 1L).containsEntry("cpu_pct", 12.5).containsEntry("power_w", 95.5)
                .containsEntry("power_source", "ESTIMATE").containsEntry("user_count", 2)
                .containsEntry("mem_used_bytes", 1_000L).containsEntry("boot_id", "boot-1");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Map<String, Object> status = status(server);
            assertThat(status).containsEntry("last_sampled_at", utc(second)).containsEntry("cpu_pct", 40.0)
                    .containsEntry("interval_s", 8).containsEntry("hostname", "host-" + server.key().value());
            assertThat((LocalDateTime) status.get("last_seen")).isAfterOrEqualTo(utc(second));
        });
    }

    @Test
    void replayed_reports_are_ignored_not_duplicated() {
        Fleet.Server server = Fleet.register();
        MetricReport report = Fleet.report(server.key(), Fleet.recent(20), 5, 30.0);
        Fleet.send(Topics.METRICS, server.key(), report);
        Fleet.send(Topics.METRICS, server.key(), report);
        Fleet.send(Topics.METRICS, server.key(), report);
        // same key, so same partition: once this one is stored, the replays before it were processed
        Fleet.send(Topics.METRICS, server.key(), Fleet.report(server.key(), Fleet.recent(10), 6, 31.0));

        await().atMost(Duration.ofSeconds(30)).until(() -> RunningIngestor.jdbc().queryForObject(
                "SELECT COUNT(*) FROM metric_sample WHERE server_id = ? AND seq = 6", Integer.class, server.id()) == 1);
        assertThat(Fleet.sampleCount(server)).isEqualTo(2);
    }

    @Test
    void a_late_older_report_does_not_move_server_status_back() {
        Fleet.Server server = Fleet.register();
        Instant newer = Fleet.recent(5);
        Fleet.send(Topics.METRICS, server.key(), Fleet.report(server.key(), newer, 9, 70.0));
        await().atMost(Duration.ofSeconds(30)).until(() -> Fleet.sampleCount(server) == 1);

        Fleet.send(Topics.METRICS, server.key(), Fleet.report(server.key(), Fleet.recent(60), 2, 10.0));
        await().atMost(Duration.ofSeconds(30)).until(() -> Fleet.sampleCount(server) == 2);

        assertThat(status(server)).containsEntry("last_sampled_at", utc(newer)).containsEntry("cpu_pct", 70.0);
    }

    @Test
    void bad_records_do_not_stop_the_valid_ones_behind_them() {
        Fleet.Server server = Fleet.register();
        byte[] key = server.key().value().getBytes(StandardCharsets.UTF_8);
        Fleet.send(Topics.METRICS.name(), null, key, "{\"v\":1,\"serverId\":".getBytes(StandardCharsets.UTF_8));
        Fleet.send(Topics.METRICS.name(), null, key, null);
        Fleet.send(Topics.METRICS.name(), null, key, "[]".getBytes(StandardCharsets.UTF_8));
        Fleet.send(Topics.METRICS, server.key(), Fleet.report(server.key(), Fleet.recent(3), 1, 20.0));

        await().atMost(Duration.ofSeconds(30)).until(() -> Fleet.sampleCount(server) == 1);
        assertThat(TopicRecords.of(Topics.METRICS_DLT.name(), server.key().value())).hasSize(3);
    }

    @Test
    void reports_of_a_server_deleted_behind_the_cache_do_not_block_ingest() {
        Fleet.Server deleted = Fleet.register();
        Fleet.send(Topics.METRICS, deleted.key(), Fleet.report(deleted.key(), Fleet.recent(30), 1, 5.0));
        await().atMost(Duration.ofSeconds(30)).until(() -> Fleet.sampleCount(deleted) == 1);
        // removed from the database without the servers-topic tombstone, so the ingestor still caches its id
        RunningIngestor.jdbc().update("DELETE FROM server WHERE id = ?", deleted.id());
        Fleet.Server other = Fleet.register();

        var sent = Fleet.send(Topics.METRICS, deleted.key(), Fleet.report(deleted.key(), Fleet.recent(20), 2, 5.0));
        Fleet.sendSigned(Topics.METRICS, sent.partition(), other.key(), Fleet.report(other.key(), Fleet.recent(10), 1,
                6.0), other.secret());

        // the batch with the removed server's report went through: the other server's report behind it is stored
        await().atMost(Duration.ofSeconds(30)).until(() -> Fleet.sampleCount(other) == 1);
    }

    private static Map<String, Object> status(Fleet.Server server) {
        return RunningIngestor.jdbc().queryForMap("SELECT * FROM server_status WHERE server_id = ?", server.id());
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
