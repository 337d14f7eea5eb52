package servmon.ingestor.metrics;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import servmon.events.MetricReport;
import servmon.ingestor.DbTime;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes one poll batch of samples in one transaction: every sample into {@code metric_sample}, and each server's
 * newest sample into {@code server_status}. This is the ingest hot path: two JDBC batches per poll, which the
 * driver rewrites into multi-row statements ({@code rewriteBatchedStatements=true}); no per-row round trip.
 */
@Component
class SampleBatchWriter {

    // IGNORE: a replayed sample (same server_id, sampled_at) is skipped, so redelivery is harmless; and a sample
    // of a server deleted since its key was cached fails its foreign key as a warning instead of blocking the batch.
    private static final String INSERT_SAMPLE = """
            INSERT IGNORE INTO metric_sample (server_id, sampled_at, seq, cpu_pct, power_w, power_source, user_count,
                mem_used_bytes, mem_total_bytes, load1, disk_used_bytes, disk_total_bytes, net_rx_bps, net_tx_bps,
                cpu_temp_c, uptime_s, boot_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    private static final String NEWER = "(last_sampled_at IS NULL OR VALUES(last_sampled_at) >= last_sampled_at)";

    // Only moves forward: an older sample arriving late (a replayed spool) leaves the latest values in place.
    // The SELECT from server skips a server deleted meanwhile (MariaDB ignores IGNORE with ON DUPLICATE KEY).
    // The IF(...) columns come before last_sampled_at because MySQL assigns left to right.
    private static final String UPSERT_STATUS = """
            INSERT INTO server_status (server_id, last_seen, last_sampled_at, cpu_pct, power_w, power_source,
                user_count, boot_id, hostname, interval_s, updated_at)
            SELECT id, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM server WHERE id = ?
            ON DUPLICATE KEY UPDATE
                cpu_pct = IF(%1$s, VALUES(cpu_pct), cpu_pct),
                power_w = IF(%1$s, VALUES(power_w), power_w),
                power_source = IF(%1$s, VALUES(power_source), power_source),
                user_count = IF(%1$s, VALUES(user_count), user_count),
                boot_id = IF(%1$s, VALUES(boot_id), boot_id),
                hostname = IF(%1$s, VALUES(hostname), hostname),
                interval_s = IF(%1$s, VALUES(interval_s), interval_s),
                last_sampled_at = IF(%1$s, VALUES(last_sampled_at), last_sampled_at),
                last_seen = GREATEST(COALESCE(last_seen, VALUES(last_seen)), VALUES(last_seen)),
                updated_at = VALUES(updated_at)""".formatted(NEWER);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;

    SampleBatchWriter(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    /** @param now when the batch arrived: the servers' last_seen */
    void write(List<Sample> samples, Instant now) {
        if (samples.isEmpty()) {
            return;
        }
        List<Sample> newest = newestPerServer(samples);
        LocalDateTime seenAt = DbTime.utc(now);
        transaction.executeWithoutResult(status -> {
            jdbc.batchUpdate(INSERT_SAMPLE, samples, samples.size(), SampleBatchWriter::bindSample);
            jdbc.batchUpdate(UPSERT_STATUS, newest, newest.size(), (ps, sample) -> bindStatus(ps, sample, seenAt));
        });
    }

    private static List<Sample> newestPerServer(List<Sample> samples) {
        Map<Long, Sample> newest = new HashMap<>();
        for (Sample sample : samples) {
            newest.merge(sample.serverId(), sample, (kept, next) ->
                    next.report().sampledAt().isBefore(kept.report().sampledAt()) ? kept : next);
        }
        return new ArrayList<>(newest.values());
    }

    private static void bindSample(PreparedStatement ps, Sample sample) throws SQLException {
        MetricReport r = sample.report();
        ps.setLong(1, sample.serverId());
        ps.setObject(2, DbTime.utc(r.sampledAt()));
        ps.setLong(3, r.seq());
        ps.setDouble(4, r.cpuPct());
        setDouble(ps, 5, r.powerW());
        ps.setString(6, r.powerSource() == null ? null : r.powerSource().name());
        ps.setInt(7, r.userCount());
        setLong(ps, 8, r.memUsedBytes());
        setLong(ps, 9, r.memTotalBytes());
        setDouble(ps, 10, r.load1());
        setLong(ps, 11, r.diskUsedBytes());
        setLong(ps, 12, r.diskTotalBytes());
        setLong(ps, 13, r.netRxBytesPerS());
        setLong(ps, 14, r.netTxBytesPerS());
        setDouble(ps, 15, r.cpuTempC());
        setLong(ps, 16, r.uptimeS());
        ps.setString(17, clip(r.bootId(), 64));
    }

    private static void bindStatus(PreparedStatement ps, Sample sample, LocalDateTime seenAt) throws SQLException {
        MetricReport r = sample.report();
        ps.setObject(1, seenAt);
        ps.setObject(2, DbTime.utc(r.sampledAt()));
        ps.setDouble(3, r.cpuPct());
        setDouble(ps, 4, r.powerW());
        ps.setString(5, r.powerSource() == null ? null : r.powerSource().name());
        ps.setInt(6, r.userCount());
        ps.setString(7, clip(r.bootId(), 64));
        ps.setString(8, clip(r.hostname(), 255));
        ps.setInt(9, r.intervalS());
        ps.setObject(10, seenAt);
        ps.setLong(11, sample.serverId());
    }


    private static void setDouble(PreparedStatement ps, int index, Double value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.DOUBLE);
        } else {
            ps.setDouble(index, value);
        }
    }

    private static void setLong(PreparedStatement ps, int index, Long value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.BIGINT);
        } else {
            ps.setLong(index, value);
        }
    }

    /** Strict SQL mode would fail the whole batch on an over-long value; an agent's hostname is not worth that. */
    private static String clip(String value, int maxLength) {
        return value == null || value.length() <= maxLength ? value : value.substring(0, maxLength);
    }
}
