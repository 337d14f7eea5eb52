package servmon.bench.history;

import servmon.events.ServerId;
import servmon.events.ServerKey;
import servmon.events.SigningSecret;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Fills the schema as months of ingest would: servers reporting every 8 s up to {@link #end()}, their minute and
 * hour rollups, in daily (sample, minute) and monthly (hour) partitions as the ingestor keeps them. Written with
 * INSERT … SELECT from MariaDB's sequence tables (seq_0_to_N), in primary-key order: millions of rows a minute.
 */
final class HistoryData {

    static final Duration INTERVAL = Duration.ofSeconds(8);
    private static final int ROWS_PER_STATEMENT = 500_000;

    private final int servers;
    private final long perServer;
    private final Instant end;

    HistoryData(long samples, int servers, Instant end) {
        this.servers = servers;
        this.perServer = samples / servers;
        this.end = end;
    }

    int servers() {
        return servers;
    }

    long samplesPerServer() {
        return perServer;
    }

    long samples() {
        return perServer * servers;
    }

    Instant end() {
        return end;
    }

    Instant start() {
        return end.minus(INTERVAL.multipliedBy(perServer));
    }

    /**
     * The server rows as the dashboard writes them: the public id and signing secret derived from the key
     * ({@code bench-key-N}), which is not stored. From Java, as SQL has no HMAC; a few rows beside the samples.
     */
    private void insertServers(Connection c) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO server (id, public_id, signing_secret, name, created_at) VALUES (?, ?, ?, ?, NOW(3))")) {
            for (int server = 1; server <= servers; server++) {
                ServerKey key = ServerKey.of("bench-key-" + server);
                insert.setLong(1, server);
                insert.setString(2, ServerId.of(key).value());
                insert.setString(3, SigningSecret.of(key).toText());
                insert.setString(4, "bench-" + server);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    void load(Connection c) throws SQLException {
        c.setAutoCommit(true);
        try (Statement s = c.createStatement()) {
            insertServers(c);
            s.execute("INSERT INTO server_status (server_id, state, interval_s, updated_at)"
                    + " SELECT seq, 'ON', 8, NOW(3) FROM seq_1_to_" + servers);
            partition(s, "metric_sample", false);
            partition(s, "metric_rollup_1m", false);
            partition(s, "metric_rollup_1h", true);
        }
        long started = System.nanoTime();
        for (int server = 1; server <= servers; server++) {
            insertSamples(c, server);
            insertRollups(c, server);
            if (server % Math.max(1, servers / 10) == 0 || server == servers) {
                System.err.printf("  loaded %d of %d servers (%.0f s)%n", server, servers,
                        (System.nanoTime() - started) / 1e9);
            }
        }
        try (Statement s = c.createStatement()) {
            s.execute("ANALYZE TABLE metric_sample, metric_rollup_1m, metric_rollup_1h");
        }
    }

    long count(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement(); var rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void insertSamples(Connection c, int server) throws SQLException {
        // CPU, watts and users vary with seq so the rollups have something to aggregate; mixed per server
        String sql = """
                INSERT INTO metric_sample (server_id, sampled_at, seq, interval_s, cpu_pct, power_w, power_source,
                                           user_count, mem_used_bytes, mem_total_bytes, load1, boot_id)
                SELECT ?, ? + INTERVAL (seq * 8) SECOND, seq, 8, ((seq * 7919 + ? * 31) %% 1000) / 10,
                       60 + ((seq * 104729) %% 800) / 10, 'ESTIMATE', seq %% 5, 4000000000 + (seq %% 1000) * 1000000,
                       16000000000, (seq %% 400) / 100, 'bench-boot'
                FROM seq_%d_to_%d""";
        for (long from = 0; from < perServer; from += ROWS_PER_STATEMENT) {
            long to = Math.min(perServer, from + ROWS_PER_STATEMENT) - 1;
            try (PreparedStatement insert = c.prepareStatement(sql.formatted(from, to))) {
                insert.setInt(1, server);
                insert.setObject(2, LocalDateTime.ofInstant(start(), ZoneOffset.UTC));
                insert.setInt(3, server);
                insert.executeUpdate();
            }
        }
    }

    private static void insertRollups(Connection c, int server) throws SQLException {
        String columns = "server_id, bucket_start, samples, cpu_min, cpu_sum, cpu_max, power_n, power_min, power_sum,"
                + " power_max, users_min, users_sum, users_max, mem_n, mem_min, mem_sum, mem_max, energy_wh, estimated_wh";
        try (PreparedStatement minutes = c.prepareStatement("INSERT INTO metric_rollup_1m (" + columns + ")"
                + " SELECT server_id, DATE_FORMAT(sampled_at, '%Y-%m-%d %H:%i:00') AS bucket, COUNT(*),"
                + " MIN(cpu_pct), SUM(cpu_pct), MAX(cpu_pct), COUNT(power_w), MIN(power_w), COALESCE(SUM(power_w), 0),"
                + " MAX(power_w), MIN(user_count), SUM(user_count), MAX(user_count), COUNT(mem_used_bytes),"
                + " MIN(mem_used_bytes), COALESCE(SUM(mem_used_bytes), 0), MAX(mem_used_bytes),"
                + " COALESCE(SUM(power_w * interval_s) / 3600, 0), COALESCE(SUM(power_w * interval_s) / 3600, 0)"
                + " FROM metric_sample WHERE server_id = ? GROUP BY server_id, bucket");
             PreparedStatement hours = c.prepareStatement("INSERT INTO metric_rollup_1h (" + columns + ")"
                + " SELECT server_id, DATE_FORMAT(bucket_start, '%Y-%m-%d %H:00:00') AS bucket, SUM(samples),"
                + " MIN(cpu_min), SUM(cpu_sum), MAX(cpu_max), SUM(power_n), MIN(power_min), SUM(power_sum),"
                + " MAX(power_max), MIN(users_min), SUM(users_sum), MAX(users_max), SUM(mem_n), MIN(mem_min),"
                + " SUM(mem_sum), MAX(mem_max), SUM(energy_wh), SUM(estimated_wh)"
                + " FROM metric_rollup_1m WHERE server_id = ? GROUP BY server_id, bucket")) {
            minutes.setInt(1, server);
            minutes.executeUpdate();
            hours.setInt(1, server);
            hours.executeUpdate();
        }
    }

    /** Daily (or monthly) partitions over the generated span, as the ingestor's partition maintenance makes them. */
    private void partition(Statement s, String table, boolean monthly) throws SQLException {
        LocalDate first = LocalDate.ofInstant(start(), ZoneOffset.UTC);
        LocalDate last = LocalDate.ofInstant(end, ZoneOffset.UTC);
        if (monthly) {
            first = first.withDayOfMonth(1);
        }
        List<String> parts = new ArrayList<>();
        for (LocalDate day = first; !day.isAfter(last); day = monthly ? day.plusMonths(1) : day.plusDays(1)) {
            LocalDate next = monthly ? day.plusMonths(1) : day.plusDays(1);
            parts.add("PARTITION p" + day.toString().replace("-", "") + " VALUES LESS THAN ('" + next + "')");
        }
        parts.add("PARTITION pfuture VALUES LESS THAN (MAXVALUE)");
        s.execute("ALTER TABLE " + table + " REORGANIZE PARTITION pfuture INTO (" + String.join(", ", parts) + ")");
    }
}
