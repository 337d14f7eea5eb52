package servmon.bench;

import servmon.events.MetricReport;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The database's own bulk path, as the ceiling the ingestor is measured against: the same rows, in the same arrival
 * order, as one CSV file sent with LOAD DATA LOCAL INFILE into an empty copy of {@code metric_sample}.
 */
final class LoadDataBaseline {

    private static final DateTimeFormatter DATETIME_3 =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    /** Every column the ingestor writes, and its value; those the current schema lacks are left out. */
    private static final Map<String, BiFunction<Long, MetricReport, Object>> COLUMNS = new LinkedHashMap<>();

    static {
        COLUMNS.put("server_id", (id, r) -> id);
        COLUMNS.put("sampled_at", (id, r) -> DATETIME_3.format(r.sampledAt()));
        COLUMNS.put("seq", (id, r) -> r.seq());
        COLUMNS.put("interval_s", (id, r) -> r.intervalS());
        COLUMNS.put("cpu_pct", (id, r) -> r.cpuPct());
        COLUMNS.put("power_w", (id, r) -> r.powerW());
        COLUMNS.put("power_source", (id, r) -> r.powerSource() == null ? null : r.powerSource().name());
        COLUMNS.put("user_count", (id, r) -> r.userCount());
        COLUMNS.put("mem_used_bytes", (id, r) -> r.memUsedBytes());
        COLUMNS.put("mem_total_bytes", (id, r) -> r.memTotalBytes());
        COLUMNS.put("load1", (id, r) -> r.load1());
        COLUMNS.put("disk_used_bytes", (id, r) -> r.diskUsedBytes());
        COLUMNS.put("disk_total_bytes", (id, r) -> r.diskTotalBytes());
        COLUMNS.put("net_rx_bps", (id, r) -> r.netRxBytesPerS());
        COLUMNS.put("net_tx_bps", (id, r) -> r.netTxBytesPerS());
        COLUMNS.put("cpu_temp_c", (id, r) -> r.cpuTempC());
        COLUMNS.put("uptime_s", (id, r) -> r.uptimeS());
        COLUMNS.put("boot_id", (id, r) -> r.bootId());
    }

    record Result(long rows, double seconds, long csvBytes, List<String> columns, String cpu) {
        double rowsPerSecond() {
            return rows / seconds;
        }
    }

    private LoadDataBaseline() {
    }

    static Result run(BenchInfrastructure infrastructure, SimulatedFleet fleet, long rounds, Instant firstSample)
            throws SQLException, IOException {
        Path csv = infrastructure.dir().resolve("metric_sample.csv");
        try (Connection c = infrastructure.connectForLoadData(); Statement s = c.createStatement()) {
            List<String> columns = columnsOf(s, "metric_sample");
            writeCsv(csv, columns, fleet, rounds, firstSample);
            s.execute("DROP TABLE IF EXISTS metric_sample_load");
            s.execute("CREATE TABLE metric_sample_load LIKE metric_sample");
            CpuTime cpuBefore = CpuTime.now();
            long started = System.nanoTime();
            long rows = s.executeLargeUpdate("LOAD DATA LOCAL INFILE '" + csv + "' INTO TABLE metric_sample_load"
                    + " FIELDS TERMINATED BY ',' LINES TERMINATED BY '\\n' (" + String.join(", ", columns) + ")");
            double seconds = (System.nanoTime() - started) / 1e9;
            String cpu = CpuTime.now().describeSince(cpuBefore, rows);
            long bytes = Files.size(csv);
            Files.delete(csv);
            s.execute("DROP TABLE metric_sample_load");
            return new Result(rows, seconds, bytes, columns, cpu);
        }
    }

    private static List<String> columnsOf(Statement s, String table) throws SQLException {
        Set<String> present = new HashSet<>();
        try (ResultSet rs = s.executeQuery("SELECT column_name FROM information_schema.columns"
                + " WHERE table_schema = DATABASE() AND table_name = '" + table + "'")) {
            while (rs.next()) {
                present.add(rs.getString(1).toLowerCase());
            }
        }
        List<String> columns = new ArrayList<>();
        for (String column : COLUMNS.keySet()) {
            if (present.contains(column)) {
                columns.add(column);
            }
        }
        return columns;
    }

    private static void writeCsv(Path csv, List<String> columns, SimulatedFleet fleet, long rounds, Instant firstSample)
            throws IOException {
        List<BiFunction<Long, MetricReport, Object>> values = columns.stream().map(COLUMNS::get).toList();
        StringBuilder line = new StringBuilder(256);
        try (BufferedWriter out = Files.newBufferedWriter(csv)) {
            for (long round = 0; round < rounds; round++) {
                for (int server = 0; server < fleet.size(); server++) {
                    MetricReport report = fleet.report(server, round, ArrivalOrder.sampledAt(firstSample, server, round));
                    line.setLength(0);
                    for (int i = 0; i < values.size(); i++) {
                        Object value = values.get(i).apply(fleet.id(server), report);
                        line.append(i == 0 ? "" : ",").append(value == null ? "\\N" : value);
                    }
                    out.append(line).append('\n');
                }
            }
        }
    }
}
