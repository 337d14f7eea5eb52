package servmon.bench;

import servmon.embedded.EmbeddedMariaDb;

import java.time.Duration;

/**
 * What a benchmark run is asked for.
 *
 * @param servers      simulated servers, registered straight into the {@code server} table
 * @param rows         reports (one row each) produced before the ingestor starts; rounded down to whole rounds
 * @param dbBufferPool the embedded MariaDB's buffer pool, as {@code ./servmon run --db-buffer-pool} takes it
 * @param stockDb      run MariaDB with its stock settings instead of servmon's (an A/B of docs/database.md)
 * @param duration     how long the steady-state benchmark's fleet reports
 * @param reportEvery  how often the steady-state benchmark prints lag and delay
 * @param interval     steady state: each server reports once per interval (the seed's agents: 8 s)
 * @param dashboardTab steady state: the whole system in process (Standalone) with one logged-in dashboard tab open
 */
record BenchOptions(int servers, long rows, String dbBufferPool, boolean stockDb, Duration duration,
                    Duration reportEvery, Duration interval, boolean dashboardTab) {

    static final String USAGE = """
            options: [--servers N] [--rows N] [--db-buffer-pool SIZE] [--stock-db] [--minutes M] [--report-every S]
                     [--interval S] [--dashboard-tab]
              --servers N           simulated servers (default 10000)
              --rows N              reports produced before the ingestor starts (default 2000000; throughput only)
              --db-buffer-pool SIZE embedded MariaDB buffer pool (default 1G: 10,000 servers, docs/database.md)
              --stock-db            MariaDB's stock InnoDB settings instead of servmon's, for comparison
              --minutes M           steady state: how long the fleet reports (default 5)
              --report-every S      steady state: seconds between printed lines (default 30)
              --interval S          steady state: seconds between two reports of one server (default 1)
              --dashboard-tab       steady state: the whole servmon in process (all services, Standalone) and one
                                    headless Chromium tab logged in on the dashboard's main page""";

    static BenchOptions parse(String[] args) {
        int servers = 10_000;
        long rows = 2_000_000;
        String bufferPool = "1G";
        boolean stockDb = false;
        Duration duration = Duration.ofMinutes(5);
        Duration reportEvery = Duration.ofSeconds(30);
        Duration interval = Duration.ofSeconds(1);
        boolean dashboardTab = false;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            switch (flag) {
                case "--servers" -> servers = Integer.parseInt(value(args, ++i, flag));
                case "--rows" -> rows = Long.parseLong(value(args, ++i, flag));
                case "--db-buffer-pool" -> bufferPool = value(args, ++i, flag);
                case "--stock-db" -> stockDb = true;
                case "--minutes" -> duration = Duration.ofSeconds(Math.round(60 * Double.parseDouble(value(args, ++i, flag))));
                case "--report-every" -> reportEvery = Duration.ofSeconds(Long.parseLong(value(args, ++i, flag)));
                case "--interval" -> interval = Duration.ofSeconds(Long.parseLong(value(args, ++i, flag)));
                case "--dashboard-tab" -> dashboardTab = true;
                default -> throw new IllegalArgumentException("unknown option " + flag + "\n" + USAGE);
            }
        }
        if (servers < 1 || rows < servers) {
            throw new IllegalArgumentException("--servers must be at least 1 and --rows at least --servers");
        }
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("--interval must be at least 1 s");
        }
        EmbeddedMariaDb.bufferPoolBytes(bufferPool);
        return new BenchOptions(servers, rows, bufferPool, stockDb, duration, reportEvery, interval, dashboardTab);
    }

    /** Whole rounds: every server reports once per round. */
    long rounds() {
        return rows / servers;
    }

    long roundedRows() {
        return rounds() * servers;
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[i];
    }
}
