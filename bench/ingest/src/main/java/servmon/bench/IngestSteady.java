package servmon.bench;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import static servmon.bench.IngestThroughput.print;

/**
 * A fleet reporting every interval (default 1 s) while the ingestor runs: does it keep up, and how old is a sample
 * when it is stored? Prints the consumer lag and the p50/p99 delay every report interval. Run it with
 * bench/ingest-steady.sh; with --dashboard-tab the whole system runs instead ({@link IngestSteadyWithDashboard}).
 */
public final class IngestSteady {

    /** The producer's ticks per second: each tick sends the next slice of the fleet, so reports spread evenly. */
    private static final int TICKS_PER_SECOND = 100;

    private IngestSteady() {
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options = BenchOptions.parse(args);
        if (options.dashboardTab()) {
            IngestSteadyWithDashboard.run(options);
            System.exit(0);
        }
        int servers = options.servers();
        print("servmon steady ingest: %,d servers reporting every %d s for %d s, buffer pool %s, %s database settings",
                servers, options.interval().toSeconds(), options.duration().toSeconds(), options.dbBufferPool(),
                options.stockDb() ? "MariaDB stock" : "servmon");
        printEnvironment();

        try (BenchInfrastructure infrastructure = BenchInfrastructure.start(options)) {
            SimulatedFleet fleet;
            try (Connection c = infrastructure.connect()) {
                fleet = SimulatedFleet.register(c, servers);
            }
            try (IngestorUnderTest ingestor = IngestorUnderTest.start(infrastructure);
                 ConsumerLag lag = new ConsumerLag(infrastructure.bootstrapServers(), IngestorUnderTest.GROUP,
                         servmon.events.Topics.METRICS);
                 ReportProducer producer = new ReportProducer(infrastructure.bootstrapServers())) {
                IngestDelay delay = IngestDelay.of(ingestor.context(), infrastructure);
                print("delay source: %s", delay.source());
                measure(options, fleet, producer, lag::current, delay, () -> "");
            }
        }
        System.exit(0);
    }

    static void printEnvironment() {
        print("code: %s", System.getProperty("servmon.bench.commit", "unknown commit"));
        print("JVM: %s %s, %d cpus, flags %s", System.getProperty("java.vm.name"), System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), ManagementFactory.getRuntimeMXBean().getInputArguments());
        print("load average before: %s", ProcessMemory.loadAverage());
    }

    /**
     * Runs the fleet for the options' duration, printing a line every report interval (extra is appended to it),
     * then stops sending and waits up to a minute for the lag to reach 0.
     */
    static void measure(BenchOptions options, SimulatedFleet fleet, ReportProducer producer, LongSupplier lag,
                        IngestDelay delay, Supplier<String> extra) throws Exception {
        AtomicLong sent = new AtomicLong();
        ScheduledExecutorService pacer = pace(fleet, producer, options.interval(), sent);
        long started = System.nanoTime();
        long end = started + options.duration().toNanos();
        long nextReport = started + options.reportEvery().toNanos();
        CpuTime cpu = CpuTime.now();
        while (System.nanoTime() < end) {
            Thread.sleep(2_000);
            delay.poll();
            if (System.nanoTime() >= nextReport) {
                IngestDelay.Percentiles p = delay.take();
                CpuTime cpuNow = CpuTime.now();
                double interval = options.reportEvery().toSeconds();
                print("%4.0f s: sent %,d, lag %,d, delay p50 %.3f s, p99 %.3f s (%,d samples); CPU JVM %.0f%%,"
                                + " mariadbd %.0f%%%s; loadavg %s", (System.nanoTime() - started) / 1e9, sent.get(),
                        lag.getAsLong(), p.p50Seconds(), p.p99Seconds(), p.count(),
                        100 * (cpuNow.jvmSeconds() - cpu.jvmSeconds()) / interval,
                        100 * (cpuNow.mariadbSeconds() - cpu.mariadbSeconds()) / interval, extra.get(),
                        ProcessMemory.loadAverage());
                cpu = cpuNow;
                nextReport += options.reportEvery().toNanos();
            }
        }
        pacer.shutdown();
        pacer.awaitTermination(5, TimeUnit.SECONDS);
        producer.flush();
        long drainStart = System.nanoTime();
        while (lag.getAsLong() > 0 && System.nanoTime() - drainStart < 60_000_000_000L) {
            Thread.sleep(100);
        }
        print("stopped sending after %,d reports; lag %,d after %.1f s of draining", sent.get(), lag.getAsLong(),
                (System.nanoTime() - drainStart) / 1e9);
        print("memory: %s", ProcessMemory.describe());
        print("load average after: %s", ProcessMemory.loadAverage());
    }

    /**
     * Every server reports once per interval, sampled when sent: each of the interval's ticks (100 a second) sends
     * the next slice of the fleet, so the reports spread evenly across the interval, as independent agents' do.
     */
    static ScheduledExecutorService pace(SimulatedFleet fleet, ReportProducer producer, Duration interval,
                                         AtomicLong sent) {
        return pace(fleet, producer, interval, sent, 0);
    }

    /**
     * As {@link #pace(SimulatedFleet, ReportProducer, Duration, AtomicLong)}, but the first {@code falling} servers
     * report in the first round only and then fall silent, so that the state monitor turns them OFF.
     */
    static ScheduledExecutorService pace(SimulatedFleet fleet, ReportProducer producer, Duration interval,
                                         AtomicLong sent, int falling) {
        int servers = fleet.size();
        long ticksPerRound = TICKS_PER_SECOND * interval.toSeconds();
        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
        AtomicLong tick = new AtomicLong();
        pacer.scheduleAtFixedRate(() -> {
            long k = tick.getAndIncrement();
            long slice = k % ticksPerRound;
            long round = k / ticksPerRound;
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            int from = (int) (slice * servers / ticksPerRound);
            int to = (int) ((slice + 1) * servers / ticksPerRound);
            int first = round == 0 ? from : Math.max(from, Math.min(to, falling));
            for (int server = first; server < to; server++) {
                producer.send(fleet.report(server, round, now, (int) interval.toSeconds()), fleet.secret(server));
            }
            sent.addAndGet(to - first);
        }, 0, 1_000_000 / TICKS_PER_SECOND, TimeUnit.MICROSECONDS);
        return pacer;
    }
}
