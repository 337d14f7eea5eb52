package servmon.agent.sampling;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Byte counters of the physical NICs from one read of {@code /proc/net/dev}: OSHI reads a dozen sysfs files per
 * interface for the same two numbers, which is most of the agent's garbage at a 1 s interval. Physical means the
 * interface has a {@code device} in sysfs, so traffic through bridges, veths and tunnels is not counted twice.
 */
final class LinuxNetDev {

    static final Path PROC_NET_DEV = Path.of("/proc/net/dev");
    private static final Path SYS_CLASS_NET = Path.of("/sys/class/net");

    private final Path procNetDev;
    private final Path sysClassNet;
    private Set<String> counted = Set.of();
    private long countedAtNanos;
    private boolean chosen;

    LinuxNetDev(Path procNetDev, Path sysClassNet) {
        this.procNetDev = procNetDev;
        this.sysClassNet = sysClassNet;
    }

    /** @return null when this is not Linux */
    static LinuxNetDev ifAvailable() {
        return Files.isReadable(PROC_NET_DEV) ? new LinuxNetDev(PROC_NET_DEV, SYS_CLASS_NET) : null;
    }

    /** Received and sent bytes per counted interface, or null when the file cannot be read. */
    Map<String, long[]> read(long nowNanos) {
        Map<String, long[]> all;
        try {
            all = parse(new String(Files.readAllBytes(procNetDev), StandardCharsets.US_ASCII));
        } catch (IOException e) {
            return null;
        }
        if (!chosen || nowNanos - countedAtNanos >= NetInterfaceReader.REREAD_NANOS) {
            counted = physical(all.keySet());
            countedAtNanos = nowNanos;
            chosen = true;
        }
        all.keySet().retainAll(counted);
        return all;
    }

    private Set<String> physical(Set<String> names) {
        Set<String> physical = new HashSet<>();
        for (String name : names) {
            if (Files.exists(sysClassNet.resolve(name).resolve("device"))) {
                physical.add(name);
            }
        }
        if (physical.isEmpty()) {  // containers and some VMs show no device links: count all but loopback
            physical.addAll(names);
            physical.remove("lo");
        }
        return physical;
    }

    /** Lines after the two header lines: {@code name: rxBytes rxPackets ... (8 receive fields) txBytes ...}. */
    static Map<String, long[]> parse(String procNetDev) {
        Map<String, long[]> counters = new HashMap<>();
        String[] lines = procNetDev.split("\n");
        for (int i = 2; i < lines.length; i++) {
            String line = lines[i];
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String[] fields = line.substring(colon + 1).trim().split("\\s+");
            if (fields.length < 9) {
                continue;
            }
            try {
                counters.put(line.substring(0, colon).trim(),
                        new long[] {Long.parseLong(fields[0]), Long.parseLong(fields[8])});
            } catch (NumberFormatException e) {
                // a line this code does not understand: leave that interface out
            }
        }
        return counters;
    }
}
