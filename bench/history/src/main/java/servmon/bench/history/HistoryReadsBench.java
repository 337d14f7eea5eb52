package servmon.bench.history;

import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import servmon.embedded.EmbeddedMariaDb;
import servmon.store.history.HistoryPoint;
import servmon.store.history.HistoryReads;
import servmon.store.history.HistoryTier;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;
import java.util.stream.Stream;

/**
 * Times the dashboard's history reads (the very statements of {@link HistoryReads}) on a large history: the 30
 * newest samples of a server, a 30-day range from the hour rollups, and a 1-hour range of raw samples. Each figure
 * is the median of several runs, each on a random server (and hour), with the machine's load beside it.
 * <pre>bench/history-reads.sh [samples, default 100000000] [--servers N] [--runs 15] [--db-buffer-pool 1G]</pre>
 * By default servers get 30 days of samples each (324,000 at 8 s), so the 30-day read spans full rollups.
 */
public final class HistoryReadsBench {

    private static final long SAMPLES_PER_30_DAYS = Duration.ofDays(30).dividedBy(HistoryData.INTERVAL);

    private HistoryReadsBench() {
    }

    public static void main(String[] args) throws Exception {
        long samples = 100_000_000L;
        Integer servers = null;
        int runs = 15;
        String bufferPool = "1G";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--servers" -> servers = Integer.parseInt(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--db-buffer-pool" -> bufferPool = args[++i];
                default -> samples = Long.parseLong(args[i].replace("_", ""));
            }
        }
        int fleet = servers != null ? servers : (int) Math.max(1, samples / SAMPLES_PER_30_DAYS);
        HistoryData data = new HistoryData(samples, fleet, Instant.now().truncatedTo(ChronoUnit.DAYS));

        Path dir = Files.createTempDirectory("servmon-history-bench-");
        try (EmbeddedMariaDb db = EmbeddedMariaDb.start(dir.resolve("mariadb"), 0, "servmon", bufferPool)) {
            Flyway.configure().dataSource(db.jdbcUrl(), db.username(), db.password())
                    .locations("classpath:db/migration").load().migrate();
            SingleConnectionDataSource dataSource =
                    new SingleConnectionDataSource(db.jdbcUrl(), db.username(), db.password(), true);
            try (Connection c = dataSource.getConnection()) {
                System.err.printf("loading %,d samples: %d servers × %,d, 8 s apart (%.1f days), buffer pool %s%n",
                        data.samples(), data.servers(), data.samplesPerServer(),
                        Duration.between(data.start(), data.end()).toHours() / 24.0, bufferPool);
                long started = System.nanoTime();
                data.load(c);
                System.out.printf("%,d samples (%d servers × %,d over %.1f days), %,d minute and %,d hour rollups;"
                                + " loaded in %.0f s%n",
                        data.count(c, "metric_sample"), data.servers(), data.samplesPerServer(),
                        Duration.between(data.start(), data.end()).toHours() / 24.0,
                        data.count(c, "metric_rollup_1m"), data.count(c, "metric_rollup_1h"),
                        (System.nanoTime() - started) / 1e9);
            }
            measure(new HistoryReads(JdbcClient.create(dataSource)), data, runs);
            dataSource.destroy();
        } finally {
            deleteRecursively(dir);
        }
    }

    private static void measure(HistoryReads reads, HistoryData data, int runs) {
        Random random = new Random(42);
        IntFunction<Integer> anyServer = run -> 1 + random.nextInt(data.servers());
        Instant end = data.end();
        Duration month = Duration.ofDays(30);
        if (HistoryTier.forRange(end.minus(month), end) != HistoryTier.HOUR) {
            throw new IllegalStateException("30 days should read the hour rollups");
        }
        long hours = Math.max(1, Duration.between(data.start(), end).toHours());

        report("30 newest samples of one server", 50, runs,
                run -> reads.newest(anyServer.apply(run), 30).size());
        report("30-day range from the hour rollups", 200, runs,
                run -> reads.range(anyServer.apply(run), HistoryTier.HOUR, end.minus(month), end).size());
        report("1-hour range of raw samples", 100, runs, run -> {
            Instant from = end.minus(Duration.ofHours(1 + random.nextLong(hours)));
            List<HistoryPoint> points = reads.range(anyServer.apply(run), HistoryTier.RAW, from, from.plusSeconds(3600));
            return points.size();
        });
    }

    /** Runs the read {@code runs} times; prints the median and the slowest, the rows read, and the load. */
    private static void report(String what, int goalMillis, int runs, IntFunction<Integer> read) {
        List<Double> millis = new ArrayList<>();
        long rows = 0;
        for (int run = 0; run < runs; run++) {
            long started = System.nanoTime();
            rows += read.apply(run);
            millis.add((System.nanoTime() - started) / 1e6);
        }
        double first = millis.getFirst();
        List<Double> sorted = millis.stream().sorted().toList();
        double median = sorted.get(sorted.size() / 2);
        System.out.printf("%-36s median %7.2f ms (first %.2f, slowest %.2f; %d runs, %d rows each)  goal ≤ %d ms %s"
                        + "   loadavg %s%n",
                what + ":", median, first, sorted.getLast(), runs, rows / runs, goalMillis,
                median <= goalMillis ? "met" : "MISSED", loadavg());
    }

    private static String loadavg() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "n/a";
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
