package servmon.ingestor.rollup;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import servmon.ingestor.DbTime;
import servmon.ingestor.metrics.Sample;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static servmon.ingestor.JdbcParams.setDouble;
import static servmon.ingestor.JdbcParams.setLong;

/**
 * Keeps {@code metric_rollup_1m} and {@code metric_rollup_1h} current inside the ingestor's transaction.
 * New samples are added to their buckets (one multi-row upsert per tier and batch, late samples included); samples
 * that may have been stored before (a replayed batch) are not added again: their buckets are recomputed from what
 * is stored, so a replay never counts a sample twice.
 */
@Component
public class RollupWriter {

    private static final String COLUMNS = """
            server_id, bucket_start, samples, cpu_min, cpu_sum, cpu_max, power_n, power_min, power_sum, power_max,
            users_min, users_sum, users_max, mem_n, mem_min, mem_sum, mem_max, energy_wh, estimated_wh,
            disk_n, disk_sum, net_n, net_rx_sum, net_tx_sum""";

    // Hot path: the driver rewrites this batch into multi-row statements. LEAST/GREATEST return NULL when either side
    // is NULL, hence the COALESCEs on the nullable power and memory extremes.
    private static final String ADD = """
            INSERT INTO %s (%s) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON DUPLICATE KEY UPDATE
                samples = samples + VALUES(samples),
                cpu_min = LEAST(cpu_min, VALUES(cpu_min)),
                cpu_sum = cpu_sum + VALUES(cpu_sum),
                cpu_max = GREATEST(cpu_max, VALUES(cpu_max)),
                power_n = power_n + VALUES(power_n),
                power_min = LEAST(COALESCE(power_min, VALUES(power_min)), COALESCE(VALUES(power_min), power_min)),
                power_sum = power_sum + VALUES(power_sum),
                power_max = GREATEST(COALESCE(power_max, VALUES(power_max)), COALESCE(VALUES(power_max), power_max)),
                users_min = LEAST(users_min, VALUES(users_min)),
                users_sum = users_sum + VALUES(users_sum),
                users_max = GREATEST(users_max, VALUES(users_max)),
                mem_n = mem_n + VALUES(mem_n),
                mem_min = LEAST(COALESCE(mem_min, VALUES(mem_min)), COALESCE(VALUES(mem_min), mem_min)),
                mem_sum = mem_sum + VALUES(mem_sum),
                mem_max = GREATEST(COALESCE(mem_max, VALUES(mem_max)), COALESCE(VALUES(mem_max), mem_max)),
                energy_wh = energy_wh + VALUES(energy_wh),
                estimated_wh = estimated_wh + VALUES(estimated_wh),
                disk_n = disk_n + VALUES(disk_n),
                disk_sum = disk_sum + VALUES(disk_sum),
                net_n = net_n + VALUES(net_n),
                net_rx_sum = net_rx_sum + VALUES(net_rx_sum),
                net_tx_sum = net_tx_sum + VALUES(net_tx_sum)""";

    private static final String REPLACE_ALL = """
            ON DUPLICATE KEY UPDATE samples = VALUES(samples), cpu_min = VALUES(cpu_min), cpu_sum = VALUES(cpu_sum),
                cpu_max = VALUES(cpu_max), power_n = VALUES(power_n), power_min = VALUES(power_min),
                power_sum = VALUES(power_sum), power_max = VALUES(power_max), users_min = VALUES(users_min),
                users_sum = VALUES(users_sum), users_max = VALUES(users_max), mem_n = VALUES(mem_n),
                mem_min = VALUES(mem_min), mem_sum = VALUES(mem_sum), mem_max = VALUES(mem_max),
                energy_wh = VALUES(energy_wh), estimated_wh = VALUES(estimated_wh), disk_n = VALUES(disk_n),
                disk_sum = VALUES(disk_sum), net_n = VALUES(net_n), net_rx_sum = VALUES(net_rx_sum),
                net_tx_sum = VALUES(net_tx_sum)""";

    // The minute buckets of one server's time range, recomputed from the stored samples.
    private static final String RECOMPUTE_MINUTES = """
            INSERT INTO metric_rollup_1m (%s)
            SELECT server_id, DATE_FORMAT(sampled_at, '%%Y-%%m-%%d %%H:%%i:00') AS bucket, COUNT(*),
                   MIN(cpu_pct), SUM(cpu_pct), MAX(cpu_pct),
                   COUNT(power_w), MIN(power_w), COALESCE(SUM(power_w), 0), MAX(power_w),
                   MIN(user_count), SUM(user_count), MAX(user_count),
                   COUNT(mem_used_bytes), MIN(mem_used_bytes), COALESCE(SUM(mem_used_bytes), 0), MAX(mem_used_bytes),
                   COALESCE(SUM(power_w * interval_s) / 3600, 0),
                   COALESCE(SUM(IF(power_source IS NULL OR power_source = 'ESTIMATE', power_w * interval_s, 0)) / 3600, 0),
                   COUNT(disk_used_bytes), COALESCE(SUM(disk_used_bytes), 0),
                   COUNT(net_rx_bps), COALESCE(SUM(net_rx_bps), 0), COALESCE(SUM(net_tx_bps), 0)
            FROM metric_sample
            WHERE server_id = ? AND sampled_at >= ? AND sampled_at < ?
            GROUP BY server_id, bucket
            %s""".formatted(COLUMNS, REPLACE_ALL);

    // The hour buckets of one server's time range, recomputed from its (already recomputed) minute buckets.
    private static final String RECOMPUTE_HOURS = """
            INSERT INTO metric_rollup_1h (%s)
            SELECT server_id, DATE_FORMAT(bucket_start, '%%Y-%%m-%%d %%H:00:00') AS bucket, SUM(samples),
                   MIN(cpu_min), SUM(cpu_sum), MAX(cpu_max), SUM(power_n), MIN(power_min), SUM(power_sum),
                   MAX(power_max), MIN(users_min), SUM(users_sum), MAX(users_max), SUM(mem_n), MIN(mem_min),
                   SUM(mem_sum), MAX(mem_max), SUM(energy_wh), SUM(estimated_wh),
                   SUM(disk_n), SUM(disk_sum), SUM(net_n), SUM(net_rx_sum), SUM(net_tx_sum)
            FROM metric_rollup_1m
            WHERE server_id = ? AND bucket_start >= ? AND bucket_start < ?
            GROUP BY server_id, bucket
            %s""".formatted(COLUMNS, REPLACE_ALL);

    // Built once: the add statement runs for every batch, on the ingest hot path.
    private static final Map<RollupTier, String> ADD_TO = new EnumMap<>(Map.of(
            RollupTier.MINUTE, ADD.formatted(RollupTier.MINUTE.table(), COLUMNS),
            RollupTier.HOUR, ADD.formatted(RollupTier.HOUR.table(), COLUMNS)));
    // Minutes first: the hour buckets are recomputed from the minute buckets.
    private static final Map<RollupTier, String> RECOMPUTE = new EnumMap<>(Map.of(
            RollupTier.MINUTE, RECOMPUTE_MINUTES,
            RollupTier.HOUR, RECOMPUTE_HOURS));

    private final JdbcTemplate jdbc;

    RollupWriter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds samples stored for the first time to their minute and hour buckets. */
    public void add(List<Sample> fresh) {
        if (fresh.isEmpty()) {
            return;
        }
        for (RollupTier tier : RollupTier.values()) {
            List<RollupBucket> buckets = Rollups.fold(fresh, tier);
            jdbc.batchUpdate(ADD_TO.get(tier), buckets, buckets.size(), RollupWriter::bind);
        }
    }

    /**
     * Recomputes every bucket that {@code samples} fall into from the stored samples. Rare (a replay, or a duplicate
     * report), so one statement per server is fine here; the normal path is {@link #add}.
     */
    public void recompute(List<Sample> samples) {
        if (samples.isEmpty()) {
            return;
        }
        List<Range> ranges = rangesPerServer(samples);
        for (RollupTier tier : RollupTier.values()) {  // MINUTE before HOUR (enum order), as RECOMPUTE requires
            jdbc.batchUpdate(RECOMPUTE.get(tier), ranges, ranges.size(), (ps, range) -> {
                ps.setLong(1, range.serverId);
                ps.setObject(2, tier.bucketStart(range.from));
                ps.setObject(3, tier.bucketEnd(tier.bucketStart(range.to)));
            });
        }
    }

    /** Each server's oldest and newest sample time in the batch. */
    private static List<Range> rangesPerServer(List<Sample> samples) {
        Map<Long, Range> ranges = new HashMap<>();
        for (Sample sample : samples) {
            LocalDateTime at = DbTime.utc(sample.report().sampledAt());
            ranges.merge(sample.serverId(), new Range(sample.serverId(), at, at),
                    (a, b) -> new Range(a.serverId, min(a.from, b.from), max(a.to, b.to)));
        }
        List<Range> sorted = new ArrayList<>(ranges.values());
        sorted.sort((a, b) -> Long.compare(a.serverId, b.serverId));
        return sorted;
    }

    private record Range(long serverId, LocalDateTime from, LocalDateTime to) {
    }

    private static LocalDateTime min(LocalDateTime a, LocalDateTime b) {
        return a.isBefore(b) ? a : b;
    }

    private static LocalDateTime max(LocalDateTime a, LocalDateTime b) {
        return a.isAfter(b) ? a : b;
    }

    private static void bind(PreparedStatement ps, RollupBucket b) throws SQLException {
        ps.setLong(1, b.serverId);
        ps.setObject(2, b.start);
        ps.setInt(3, b.samples);
        ps.setDouble(4, b.cpuMin);
        ps.setDouble(5, b.cpuSum);
        ps.setDouble(6, b.cpuMax);
        ps.setInt(7, b.powerN);
        setDouble(ps, 8, b.powerMinOrNull());
        ps.setDouble(9, b.powerSum);
        setDouble(ps, 10, b.powerMaxOrNull());
        ps.setInt(11, b.usersMin);
        ps.setLong(12, b.usersSum);
        ps.setInt(13, b.usersMax);
        ps.setInt(14, b.memN);
        setLong(ps, 15, b.memMinOrNull());
        ps.setDouble(16, b.memSum);
        setLong(ps, 17, b.memMaxOrNull());
        ps.setDouble(18, b.energyWh);
        ps.setDouble(19, b.estimatedWh);
        ps.setInt(20, b.diskN);
        ps.setDouble(21, b.diskSum);
        ps.setInt(22, b.netN);
        ps.setDouble(23, b.netRxSum);
        ps.setDouble(24, b.netTxSum);
    }


}
