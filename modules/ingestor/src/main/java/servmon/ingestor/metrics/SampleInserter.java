package servmon.ingestor.metrics;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import servmon.events.MetricReport;
import servmon.ingestor.DbTime;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

import static servmon.ingestor.JdbcParams.setDouble;
import static servmon.ingestor.JdbcParams.setLong;

/**
 * Inserts samples into {@code metric_sample} as multi-row {@code INSERT IGNORE}s and tells which ones may have been
 * stored before. Written out here rather than left to the driver's batch rewriting because the driver then reports
 * no row counts, and the count is what tells a first write (whose samples the rollups add) from a replay (whose
 * buckets they recompute).
 */
@Component
class SampleInserter {

    /** Rows per statement: 18 parameters each, well under the protocol's 65,535 and max_allowed_packet. */
    static final int CHUNK = 500;

    private static final String INSERT = """
            INSERT IGNORE INTO metric_sample (server_id, sampled_at, seq, interval_s, cpu_pct, power_w, power_source,
                user_count, mem_used_bytes, mem_total_bytes, load1, disk_used_bytes, disk_total_bytes, net_rx_bps,
                net_tx_bps, cpu_temp_c, uptime_s, boot_id)
            VALUES """;
    private static final String ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final int COLUMNS = 18;

    private final JdbcTemplate jdbc;
    private final ConcurrentHashMap<Integer, String> statements = new ConcurrentHashMap<>();

    SampleInserter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * What an insert found.
     *
     * @param fresh      samples stored now for the first time
     * @param seenBefore the samples of every statement that stored fewer rows than it carried: some of them were
     *                   there already (IGNORE skipped them), so none of these count as first writes
     */
    record Inserted(List<Sample> fresh, List<Sample> seenBefore) {
    }

    Inserted insert(List<Sample> samples) {
        List<Sample> fresh = new ArrayList<>(samples.size());
        List<Sample> seenBefore = new ArrayList<>();
        for (int from = 0; from < samples.size(); from += CHUNK) {
            List<Sample> chunk = samples.subList(from, Math.min(samples.size(), from + CHUNK));
            int stored = jdbc.update(statement(chunk.size()), ps -> {
                int index = 0;
                for (Sample sample : chunk) {
                    bind(ps, index, sample);
                    index += COLUMNS;
                }
            });
            (stored < chunk.size() ? seenBefore : fresh).addAll(chunk);
        }
        return new Inserted(fresh, seenBefore);
    }

    private String statement(int rows) {
        return statements.computeIfAbsent(rows, n -> INSERT + String.join(", ", java.util.Collections.nCopies(n, ROW)));
    }

    private static void bind(PreparedStatement ps, int offset, Sample sample) throws SQLException {
        MetricReport r = sample.report();
        ps.setLong(offset + 1, sample.serverId());
        ps.setObject(offset + 2, DbTime.utc(r.sampledAt()));
        ps.setLong(offset + 3, r.seq());
        ps.setInt(offset + 4, r.intervalS());
        ps.setDouble(offset + 5, r.cpuPct());
        setDouble(ps, offset + 6, r.powerW());
        ps.setString(offset + 7, r.powerSource() == null ? null : r.powerSource().name());
        ps.setInt(offset + 8, r.userCount());
        setLong(ps, offset + 9, r.memUsedBytes());
        setLong(ps, offset + 10, r.memTotalBytes());
        setDouble(ps, offset + 11, r.load1());
        setLong(ps, offset + 12, r.diskUsedBytes());
        setLong(ps, offset + 13, r.diskTotalBytes());
        setLong(ps, offset + 14, r.netRxBytesPerS());
        setLong(ps, offset + 15, r.netTxBytesPerS());
        setDouble(ps, offset + 16, r.cpuTempC());
        setLong(ps, offset + 17, r.uptimeS());
        ps.setString(offset + 18, Columns.clip(r.bootId(), 64));
    }


}
