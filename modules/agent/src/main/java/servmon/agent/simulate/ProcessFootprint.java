package servmon.agent.simulate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * This process's CPU time and resident memory from /proc (Linux): what the footprint line prints, measured the same
 * way as bench/agent-footprint.sh measures the real agent from outside.
 */
final class ProcessFootprint {

    /** USER_HZ: 100 on every Linux architecture servmon runs on. */
    private static final double TICKS_PER_SECOND = 100.0;
    private static final Path STAT = Path.of("/proc/self/stat");
    private static final Path STATUS = Path.of("/proc/self/status");

    private ProcessFootprint() {
    }

    /** User plus system CPU seconds so far, or -1 where /proc is not there. */
    static double cpuSeconds() {
        try {
            String stat = Files.readString(STAT, StandardCharsets.US_ASCII);
            // the command name (field 2) may hold spaces: count from the ')' that ends it; utime, stime are 14, 15
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** VmRSS in bytes, or -1 where /proc is not there. */
    static long residentBytes() {
        try {
            for (String line : Files.readAllLines(STATUS, StandardCharsets.US_ASCII)) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.substring(6).replace("kB", "").strip()) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return -1;
    }
}
