package servmon.bench.power;

import servmon.wol.packet.MagicPacketSender;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * What every figure is printed beside (the machine's load and this JVM's flags), the wait for a quiet machine before a
 * measured run, and the refusal to run where a magic packet could leave the machine.
 */
final class BenchConditions {

    static final double QUIET_LOAD = 3.0;
    /** Ten minutes; BENCH_MAX_QUIET_WAIT (minutes) changes it, e.g. 0 for a trial run. */
    static final Duration MAX_QUIET_WAIT = Duration.ofMinutes(Long.parseLong(
            System.getenv().getOrDefault("BENCH_MAX_QUIET_WAIT", "10")));

    private BenchConditions() {
    }

    /** The benchmarks wake servers: only ever on loopback (the senders refuse anything else under this flag). */
    static void requireLoopbackOnly() {
        if (!Boolean.getBoolean(MagicPacketSender.LOOPBACK_ONLY_PROPERTY)) {
            throw new IllegalStateException("run with -D" + MagicPacketSender.LOOPBACK_ONLY_PROPERTY
                    + "=true (the bench/*.sh scripts do): no magic packet may leave this machine");
        }
    }

    static String loadavg() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "n/a";
        }
    }

    static String jvmFlags() {
        return String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments());
    }

    /** One line for beside a figure. */
    static String conditions() {
        return "loadavg " + loadavg() + " | JVM " + jvmFlags();
    }

    /**
     * Others' builds distort timings: waits until the 1-minute load average is below {@value #QUIET_LOAD}, printing
     * it, for at most ten minutes; then runs anyway and says so.
     */
    static void awaitQuietMachine(String before) throws InterruptedException {
        long deadline = System.nanoTime() + MAX_QUIET_WAIT.toNanos();
        while (true) {
            double load1 = load1();
            if (load1 < QUIET_LOAD) {
                System.out.printf(Locale.ROOT, "quiet enough for %s: loadavg %s%n", before, loadavg());
                return;
            }
            if (System.nanoTime() - deadline >= 0) {
                System.out.printf(Locale.ROOT, "NOT QUIET: the 1-minute load stayed at or above %.0f for %d minutes;"
                        + " %s runs anyway at loadavg %s%n", QUIET_LOAD, MAX_QUIET_WAIT.toMinutes(), before, loadavg());
                return;
            }
            System.err.printf(Locale.ROOT, "waiting for the 1-minute load to drop below %.0f before %s: loadavg %s%n",
                    QUIET_LOAD, before, loadavg());
            Thread.sleep(10_000);
        }
    }

    private static double load1() {
        String text = loadavg();
        try {
            return Double.parseDouble(text.split(" ")[0]);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
