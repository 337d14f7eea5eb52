package servmon.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU seconds used by this JVM and by its MariaDB server. On a shared machine the wall-clock rate depends on what
 * else runs; CPU time per row depends much less on it, so the benchmarks print both.
 */
record CpuTime(double jvmSeconds, double mariadbSeconds) {

    /** Linux's USER_HZ, the unit of utime and stime in /proc/PID/stat, on every architecture Java runs on. */
    private static final double TICKS_PER_SECOND = 100;

    static CpuTime now() {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        double mariadb = ProcessHandle.current().descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("mariadbd") || c.endsWith("mysqld")).orElse(false))
                .mapToDouble(p -> ticks(p.pid()) / TICKS_PER_SECOND).sum();
        return new CpuTime(os.getProcessCpuTime() / 1e9, mariadb);
    }

    /** "JVM 12.3 s (61 µs/row), mariadbd 8.1 s (40 µs/row)" for the CPU used since {@code before}. */
    String describeSince(CpuTime before, long rows) {
        double jvm = jvmSeconds - before.jvmSeconds;
        double db = mariadbSeconds - before.mariadbSeconds;
        return "JVM %.1f s (%.0f µs/row), mariadbd %.1f s (%.0f µs/row)".formatted(jvm, jvm * 1e6 / rows, db,
                db * 1e6 / rows);
    }

    static long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            // fields after the command name, which is in parentheses and may contain spaces
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);  // utime, stime (fields 14 and 15)
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
