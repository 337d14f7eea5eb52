package servmon.ingestor.metrics;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import servmon.events.MetricReport;
import servmon.ingestor.DbTime;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static servmon.ingestor.JdbcParams.setDouble;

/**
 * Keeps each server's latest values in {@code server_status}: a batch is coalesced to the newest sample per server
 * and written as one multi-row upsert (the driver rewrites the JDBC batch), never a statement per server. Each row
 * only moves forward, so an older sample arriving late (a replayed spool) leaves newer values in place.
 */
@Component
class LatestValuesWriter {

    private static final String NEWER = "(last_sampled_at IS NULL OR VALUES(last_sampled_at) >= last_sampled_at)";

    // The IF(...) columns come before last_sampled_at because MySQL assigns left to right. No join with `server`:
    // a row of a server removed meanwhile is an orphan that every read ignores and retention sweeps.
    private static final String UPSERT = """
            INSERT INTO server_status (server_id, last_seen, last_sampled_at, cpu_pct, power_w, power_source,
                user_count, boot_id, hostname, interval_s, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
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

    LatestValuesWriter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** @param seenAt when the batch arrived: the servers' last_seen */
    void write(List<Sample> samples, LocalDateTime seenAt) {
        List<Sample> newest = newestPerServer(samples);
        jdbc.batchUpdate(UPSERT, newest, newest.size(), (ps, sample) -> {
            MetricReport r = sample.report();
            ps.setLong(1, sample.serverId());
            ps.setObject(2, seenAt);
            ps.setObject(3, DbTime.utc(r.sampledAt()));
            ps.setDouble(4, r.cpuPct());
            setDouble(ps, 5, r.powerW());
            ps.setString(6, r.powerSource() == null ? null : r.powerSource().name());
            ps.setInt(7, r.userCount());
            ps.setString(8, Columns.clip(r.bootId(), 64));
            ps.setString(9, Columns.clip(r.hostname(), 255));
            ps.setInt(10, r.intervalS());
            ps.setObject(11, seenAt);
        });
    }

    /** The newest sample of each server, in server order so that concurrent writers lock rows in one order. */
    static List<Sample> newestPerServer(List<Sample> samples) {
        Map<Long, Sample> newest = new HashMap<>();
        for (Sample sample : samples) {
            newest.merge(sample.serverId(), sample, (kept, next) ->
                    next.report().sampledAt().isBefore(kept.report().sampledAt()) ? kept : next);
        }
        List<Sample> sorted = new ArrayList<>(newest.values());
        sorted.sort(Comparator.comparingLong(Sample::serverId));
        return sorted;
    }
}
