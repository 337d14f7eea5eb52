package servmon.agent.power;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import servmon.events.PowerSource;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Watts from the RAPL energy counters of the powercap framework: every CPU package and its DRAM, as the rate of
 * their {@code energy_uj} counters between two readings. CPU and memory only, so it reads lower than the wall.
 * Cheap enough for every report: a few sysfs reads, no process.
 */
final class RaplPowerMeter implements PowerMeter {

    /** A rate over less than this is mostly the counters' update jitter (they tick about every millisecond). */
    static final long MIN_WINDOW_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final Pattern ZONE = Pattern.compile("intel-rapl:\\d+(:\\d+)?");
    private static final Logger log = LoggerFactory.getLogger(RaplPowerMeter.class);

    /** One counter: a package or a DRAM domain. Its range is where the counter wraps back to zero. */
    record Zone(String id, String name, Path energy, long maxRangeUj) {
    }

    private final List<Zone> zones;
    private final SysfsFiles files;
    private final LongSupplier nanoClock;
    private final long[] lastUj;
    private long lastNanos;
    private boolean failing;

    private RaplPowerMeter(List<Zone> zones, SysfsFiles files, LongSupplier nanoClock, long[] firstUj,
                           long firstNanos) {
        this.zones = zones;
        this.files = files;
        this.nanoClock = nanoClock;
        this.lastUj = firstUj;
        this.lastNanos = firstNanos;
    }

    static PowerProbe probe(Path sysfs) {
        return probe(sysfs, SysfsFiles.DIRECT, System::nanoTime);
    }

    /** Finds the package and DRAM zones and takes the first reading, so that the first report has a rate. */
    static PowerProbe probe(Path sysfs, SysfsFiles files, LongSupplier nanoClock) {
        Path powercap = sysfs.resolve("class/powercap");
        if (!Files.isDirectory(powercap)) {
            return PowerProbe.unusable(PowerSource.RAPL, "no " + powercap
                    + " (no RAPL: not an Intel/AMD CPU, a virtual machine, or the intel_rapl driver not loaded)");
        }
        List<Zone> zones = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        for (Path dir : zoneDirs(powercap)) {
            String name;
            try {
                name = files.read(dir.resolve("name")).strip();
            } catch (IOException e) {
                continue;  // a zone without a name is not one we can tell apart
            }
            // core and uncore are parts of the package; psys (the platform) overlaps the package: counting
            // either would count watts twice
            if (!name.startsWith("package") && !name.equals("dram")) {
                continue;
            }
            Path energy = dir.resolve("energy_uj");
            try {
                zones.add(new Zone(dir.getFileName().toString(), name, energy,
                        files.readLong(dir.resolve("max_energy_range_uj"))));
            } catch (IOException e) {
                unreadable.add(dir.resolve("max_energy_range_uj") + " not readable (" + e.getMessage() + ")");
            }
        }
        if (zones.stream().noneMatch(zone -> zone.name().startsWith("package"))) {
            return PowerProbe.unusable(PowerSource.RAPL, unreadable.isEmpty()
                    ? "no intel-rapl package zone under " + powercap
                    : String.join("; ", unreadable));
        }
        long[] first = new long[zones.size()];
        for (int i = 0; i < zones.size(); i++) {
            Path energy = zones.get(i).energy();
            try {
                first[i] = files.readLong(energy);
            } catch (AccessDeniedException e) {
                return PowerProbe.unusable(PowerSource.RAPL, energy + " not readable (root only since Linux 5.10,"
                        + " CVE-2020-8694): run the agent as root or let its user read the file");
            } catch (NoSuchFileException e) {
                return PowerProbe.unusable(PowerSource.RAPL, energy + " is missing");
            } catch (IOException e) {
                return PowerProbe.unusable(PowerSource.RAPL, energy + " not readable (" + e.getMessage() + ")");
            }
        }
        String what = zones.stream().map(zone -> zone.id() + " " + zone.name()).collect(Collectors.joining(" + "));
        return PowerProbe.usable(PowerSource.RAPL,
                new RaplPowerMeter(List.copyOf(zones), files, nanoClock, first, nanoClock.getAsLong()),
                what + " (CPU+DRAM only, lower than the wall)");
    }

    private static List<Path> zoneDirs(Path powercap) {
        try (Stream<Path> entries = Files.list(powercap)) {
            return entries.filter(dir -> ZONE.matcher(dir.getFileName().toString()).matches())
                    .sorted(Comparator.comparing(dir -> dir.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    List<Zone> zones() {
        return zones;
    }

    /** The average power since the previous reading; empty (the next meter answers) when a counter is unreadable. */
    @Override
    public Optional<PowerReading> read(double cpuPct) {
        long now = nanoClock.getAsLong();
        if (now - lastNanos < MIN_WINDOW_NANOS) {
            // only right after start: wait for a window long enough to measure, as the CPU load does
            LockSupport.parkNanos(MIN_WINDOW_NANOS - (now - lastNanos));
            now = nanoClock.getAsLong();
        }
        long[] current = new long[zones.size()];
        try {
            for (int i = 0; i < zones.size(); i++) {
                current[i] = files.readLong(zones.get(i).energy());
            }
        } catch (IOException e) {
            if (!failing) {
                failing = true;
                log.warn("RAPL counters stopped being readable ({}): using the next power source", e.toString());
            }
            return Optional.empty();
        }
        long elapsed = now - lastNanos;
        if (elapsed <= 0) {
            return Optional.empty();
        }
        long microjoules = 0;
        for (int i = 0; i < zones.size(); i++) {
            microjoules += delta(lastUj[i], current[i], zones.get(i).maxRangeUj());
        }
        System.arraycopy(current, 0, lastUj, 0, current.length);
        lastNanos = now;
        if (failing) {
            failing = false;
            log.info("RAPL counters readable again");
        }
        return Optional.of(new PowerReading(microjoules * 1_000.0 / elapsed, PowerSource.RAPL));
    }

    /** Energy between two readings of a counter that wraps to zero after {@code maxRangeUj}. */
    static long delta(long before, long after, long maxRangeUj) {
        return after >= before ? after - before : maxRangeUj - before + after;
    }
}
