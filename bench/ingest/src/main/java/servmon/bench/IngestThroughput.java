package servmon.bench;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.Locale;

/**
 * How fast the ingestor drains a backlog into MariaDB, against the database's own bulk path. Prints figures; it
 * is not a test. Run it with bench/ingest-throughput.sh.
 *
 * <ol>
 *   <li>registers the fleet straight into {@code server};</li>
 *   <li>produces every report first, in arrival order (all servers, round after round, 1 s apart);</li>
 *   <li>then starts the ingestor and times it until the consumer group's lag is 0 (offsets are committed after
 *       the database commit, so that is "every row is in metric_sample"), checked with COUNT(*);</li>
 *   <li>then writes the same rows as CSV and times LOAD DATA LOCAL INFILE into an empty copy of the table.</li>
 * </ol>
 */
public final class IngestThroughput {

    private IngestThroughput() {
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options = BenchOptions.parse(args);
        long rounds = options.rounds();
        long rows = options.roundedRows();
        print("servmon ingest throughput: %,d servers, %,d rows (%d rounds), buffer pool %s, %s database settings",
                options.servers(), rows, rounds, options.dbBufferPool(), options.stockDb() ? "MariaDB stock" : "servmon");
        print("code: %s", System.getProperty("servmon.bench.commit", "unknown commit"));
        print("JVM: %s %s, %d cpus, flags %s", System.getProperty("java.vm.name"), System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), ManagementFactory.getRuntimeMXBean().getInputArguments());
        print("load average before: %s", ProcessMemory.loadAverage());

        try (BenchInfrastructure infrastructure = BenchInfrastructure.start(options)) {
            SimulatedFleet fleet;
            try (Connection c = infrastructure.connect()) {
                fleet = SimulatedFleet.register(c, options.servers());
            }
            Instant firstSample = ArrivalOrder.firstSampleFor(rounds);
            long produceStart = System.nanoTime();
            try (ReportProducer producer = new ReportProducer(infrastructure.bootstrapServers())) {
                for (long round = 0; round < rounds; round++) {
                    for (int server = 0; server < fleet.size(); server++) {
                        producer.send(fleet.report(server, round, ArrivalOrder.sampledAt(firstSample, server, round)),
                                fleet.secret(server));
                    }
                }
                producer.flush();
            }
            print("produced %,d reports in %.1f s", rows, seconds(produceStart));

            double ingestorRate = timeIngestor(infrastructure, rows);

            LoadDataBaseline.Result load = LoadDataBaseline.run(infrastructure, fleet, rounds, firstSample);
            print("LOAD DATA LOCAL INFILE: %,d rows (%,d MiB of CSV, columns %s) in %.1f s = %,.0f rows/s; CPU %s",
                    load.rows(), load.csvBytes() >> 20, load.columns(), load.seconds(), load.rowsPerSecond(), load.cpu());
            double ratio = ingestorRate / load.rowsPerSecond();
            print("ratio ingestor / LOAD DATA = %.2f", ratio);
            print("memory: %s", ProcessMemory.describe());
            print("load average after: %s", ProcessMemory.loadAverage());
            boolean met = ratio >= 0.60 && ingestorRate >= 50_000;
            print("goal: ratio ≥ 0.60 and ≥ 50,000 rows/s: %s (ratio %.2f, %,.0f rows/s)", met ? "MET" : "NOT MET",
                    ratio, ingestorRate);
        }
        // Kafka's and Spring's non-daemon threads are closed above; exit explicitly in case a library left one.
        System.exit(0);
    }

    /** @return rows per second from the ingestor's start until the last row is committed */
    private static double timeIngestor(BenchInfrastructure infrastructure, long rows) throws Exception {
        try (ConsumerLag lag = new ConsumerLag(infrastructure.bootstrapServers(), IngestorUnderTest.GROUP,
                servmon.events.Topics.METRICS)) {
            long started = System.nanoTime();
            CpuTime cpuBefore = CpuTime.now();
            try (IngestorUnderTest ingestor = IngestorUnderTest.start(infrastructure)) {
                double contextUp = seconds(started);
                long lastPrint = System.nanoTime();
                long remaining;
                while ((remaining = lag.current()) > 0) {
                    if (System.nanoTime() - lastPrint > 10_000_000_000L) {
                        print("  %.0f s: %,d reports still to write", seconds(started), remaining);
                        lastPrint = System.nanoTime();
                    }
                    Thread.sleep(100);
                }
                double total = seconds(started);
                long stored = count(infrastructure);
                double rate = rows / total;
                print("ingestor: %,d rows in %.1f s from its start = %,.0f rows/s (context up after %.1f s: %,.0f rows/s"
                                + " after start-up); metric_sample holds %,d rows%s", rows, total, rate, contextUp,
                        rows / (total - contextUp), stored, stored == rows ? "" : "  <-- NOT ALL ROWS");
                print("CPU while ingesting: %s", CpuTime.now().describeSince(cpuBefore, rows));
                print("memory with the ingestor running: %s", ProcessMemory.describe());
                return rate;
            }
        }
    }

    private static long count(BenchInfrastructure infrastructure) throws Exception {
        try (Connection c = infrastructure.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM metric_sample")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    static void print(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
    }
}
