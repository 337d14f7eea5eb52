package servmon.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Resident memory of this JVM and of the MariaDB server it started, from /proc (Linux). */
final class ProcessMemory {

    private ProcessMemory() {
    }

    static String describe() {
        long self = ProcessHandle.current().pid();
        String jvm = "JVM RSS %s (peak %s)".formatted(mib(self, "VmRSS"), mib(self, "VmHWM"));
        Optional<ProcessHandle> mariadb = ProcessHandle.current().descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("mariadbd") || c.endsWith("mysqld")).orElse(false))
                .findFirst();
        return jvm + mariadb.map(p -> ", mariadbd RSS %s (peak %s)".formatted(mib(p.pid(), "VmRSS"), mib(p.pid(), "VmHWM")))
                .orElse("");
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "n/a";
        }
    }

    private static String mib(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith(field + ":")) {
                    long kib = Long.parseLong(line.replaceAll("\\D", ""));
                    return (kib / 1024) + " MiB";
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux, or the process is gone
        }
        return "n/a";
    }
}
