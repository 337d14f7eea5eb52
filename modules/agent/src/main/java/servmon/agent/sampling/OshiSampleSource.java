package servmon.agent.sampling;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.GlobalMemory;
import oshi.hardware.HardwareAbstractionLayer;
import oshi.hardware.NetworkIF;
import oshi.hardware.Sensors;
import oshi.software.os.OSSession;
import oshi.software.os.OperatingSystem;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileStore;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Samples this machine through OSHI, the JDK and a few Linux files. Runs every few seconds on every server, so
 * it is written for a small footprint: OSHI objects are made once, network counters come from one read of
 * /proc/net/dev, slow or process-starting queries are cached (interfaces, ethtool, an empty user list), and nothing
 * walks the process table.
 */
public final class OshiSampleSource implements SampleSource {

    /** Tick-based CPU load needs two readings; the first sample waits this long after the first reading. */
    private static final long CPU_WARM_UP_NANOS = TimeUnit.MILLISECONDS.toNanos(300);
    /** With nobody logged in OSHI falls back to running {@code who}; ask that rarely. */
    private static final long EMPTY_SESSIONS_RECHECK_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final long REREAD_NANOS = TimeUnit.MINUTES.toNanos(1);
    private static final Path LINUX_HOSTNAME = Path.of("/proc/sys/kernel/hostname");
    private static final Logger log = LoggerFactory.getLogger(OshiSampleSource.class);

    private final CentralProcessor cpu;
    private final GlobalMemory memory;
    private final Sensors sensors;
    private final OperatingSystem os;
    private final HardwareAbstractionLayer hardware;
    private final String bootId;
    private final FileStore rootStore;
    private final NetInterfaceReader interfaces;
    private final LinuxNetDev linuxNetDev;
    private String hostname;
    private long hostnameReadNanos;

    private long[] previousTicks;
    private long previousTicksNanos;

    private List<NetworkIF> netCounters;
    private long netCountersReadNanos;
    private Map<String, long[]> previousNetBytes = Map.of();
    private long previousNetNanos;

    private int userCount;
    private long usersReadNanos;
    private boolean usersRead;

    public OshiSampleSource() {
        SystemInfo system = new SystemInfo();
        this.hardware = system.getHardware();
        this.os = system.getOperatingSystem();
        this.cpu = hardware.getProcessor();
        this.memory = hardware.getMemory();
        this.sensors = hardware.getSensors();
        this.bootId = BootId.read(BootId.LINUX_BOOT_ID);
        this.rootStore = rootFileStore();
        this.interfaces = new NetInterfaceReader(EthtoolWolProbe.find());
        this.linuxNetDev = LinuxNetDev.ifAvailable();
        this.previousTicks = cpu.getSystemCpuLoadTicks();
        this.previousTicksNanos = System.nanoTime();
        readNetBytes(previousTicksNanos);
    }

    @Override
    public int logicalCpus() {
        return cpu.getLogicalProcessorCount();
    }

    @Override
    public Sample sample() {
        long now = System.nanoTime();
        if (now - previousTicksNanos < CPU_WARM_UP_NANOS) {
            sleepNanos(CPU_WARM_UP_NANOS - (now - previousTicksNanos));
            now = System.nanoTime();
        }
        Instant sampledAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        long[] ticks = cpu.getSystemCpuLoadTicks();
        double cpuPct = percent(cpu.getSystemCpuLoadBetweenTicks(previousTicks, ticks));
        previousTicks = ticks;
        previousTicksNanos = now;

        long memTotal = memory.getTotal();
        long memAvailable = memory.getAvailable();
        double load1 = cpu.getSystemLoadAverage(1)[0];
        long[] netRates = netRates(now);
        double temperature = sensors.getCpuTemperature();
        Long diskTotal = null;
        Long diskUsed = null;
        if (rootStore != null) {
            try {
                long total = rootStore.getTotalSpace();
                diskTotal = total;
                diskUsed = total - rootStore.getUnallocatedSpace();
            } catch (IOException e) {
                log.debug("Could not read the root file system: {}", e.toString());
            }
        }
        return new Sample(
                sampledAt,
                bootId,
                hostname(now),
                cpuPct,
                userCount(now),
                memTotal > 0 ? memTotal - memAvailable : null,
                memTotal > 0 ? memTotal : null,
                load1 >= 0 ? load1 : null,
                diskUsed,
                diskTotal,
                netRates == null ? null : netRates[0],
                netRates == null ? null : netRates[1],
                temperature > 0 && !Double.isNaN(temperature) ? temperature : null,
                os.getSystemUptime(),
                interfaces.current(now));
    }

    private static double percent(double fraction) {
        if (Double.isNaN(fraction)) {
            return 0.0;
        }
        return Math.clamp(fraction * 100.0, 0.0, 100.0);
    }

    /** Bytes per second received and sent since the last sample, over interfaces present both times. */
    private long[] netRates(long now) {
        Map<String, long[]> before = previousNetBytes;
        long elapsedNanos = now - previousNetNanos;
        Map<String, long[]> after = readNetBytes(now);
        if (before.isEmpty() || elapsedNanos < TimeUnit.MILLISECONDS.toNanos(100)) {
            return null;
        }
        long rx = 0;
        long tx = 0;
        for (Map.Entry<String, long[]> entry : after.entrySet()) {
            long[] old = before.get(entry.getKey());
            if (old != null) {
                // a counter that went down was reset (driver reload): count nothing for it this time
                rx += Math.max(0, entry.getValue()[0] - old[0]);
                tx += Math.max(0, entry.getValue()[1] - old[1]);
            }
        }
        double seconds = elapsedNanos / 1e9;
        return new long[] {Math.round(rx / seconds), Math.round(tx / seconds)};
    }

    private Map<String, long[]> readNetBytes(long now) {
        Map<String, long[]> bytes = linuxNetDev == null ? null : linuxNetDev.read(now);
        if (bytes == null) {
            bytes = readNetBytesWithOshi(now);
        }
        previousNetBytes = bytes;
        previousNetNanos = now;
        return bytes;
    }

    private Map<String, long[]> readNetBytesWithOshi(long now) {
        if (netCounters == null || now - netCountersReadNanos >= REREAD_NANOS) {
            netCounters = hardware.getNetworkIFs(false);  // without loopback and other interfaces with no hardware
            netCountersReadNanos = now;
        } else {
            netCounters.forEach(NetworkIF::updateAttributes);
        }
        Map<String, long[]> bytes = new HashMap<>();
        for (NetworkIF nic : netCounters) {
            bytes.put(nic.getName(), new long[] {nic.getBytesRecv(), nic.getBytesSent()});
        }
        return bytes;
    }

    /** Distinct user names of the login sessions, as {@code who | sort -u} would count them. */
    private int userCount(long now) {
        boolean due = !usersRead || userCount > 0 || now - usersReadNanos >= EMPTY_SESSIONS_RECHECK_NANOS;
        if (due) {
            Set<String> users = new HashSet<>();
            for (OSSession session : os.getSessions()) {
                users.add(session.getUserName());
            }
            userCount = users.size();
            usersReadNanos = now;
            usersRead = true;
        }
        return userCount;
    }

    /** Re-read once a minute: a rename is rare, and reading it every second is garbage for nothing. */
    private String hostname(long now) {
        if (hostname != null && now - hostnameReadNanos < REREAD_NANOS) {
            return hostname;
        }
        String name = null;
        try {
            name = Files.readString(LINUX_HOSTNAME, StandardCharsets.UTF_8).strip();
        } catch (IOException | UnsupportedOperationException e) {
            // not Linux: OSHI's answer below
        }
        if (name == null || name.isEmpty()) {
            name = os.getNetworkParams().getHostName();
        }
        hostname = name;
        hostnameReadNanos = now;
        return hostname;
    }

    private static FileStore rootFileStore() {
        for (Path root : FileSystems.getDefault().getRootDirectories()) {
            try {
                return Files.getFileStore(root);
            } catch (IOException e) {
                log.debug("No file store for {}: {}", root, e.toString());
            }
        }
        log.warn("Could not find the root file system: disk usage will not be reported");
        return null;
    }

    private static void sleepNanos(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
