package servmon.agent.power;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** A sysfs tree in a test folder, laid out as the kernel lays out hwmon and powercap. */
public final class FakeSysfs {

    private final Path root;

    public FakeSysfs(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /** A RAPL zone, e.g. {@code intel-rapl:0} named {@code package-0}, or {@code intel-rapl:0:0} named dram. */
    public FakeSysfs raplZone(String id, String name, long energyUj, long maxEnergyRangeUj) {
        Path zone = root.resolve("class/powercap").resolve(id);
        write(zone.resolve("name"), name);
        write(zone.resolve("max_energy_range_uj"), Long.toString(maxEnergyRangeUj));
        return energy(id, energyUj);
    }

    public FakeSysfs energy(String id, long energyUj) {
        write(root.resolve("class/powercap").resolve(id).resolve("energy_uj"), Long.toString(energyUj));
        return this;
    }

    public Path energyFile(String id) {
        return root.resolve("class/powercap").resolve(id).resolve("energy_uj");
    }

    /** A hwmon device with one sensor file, e.g. {@code power1_average} in microwatts. */
    public FakeSysfs hwmon(String device, String name, String sensor, long microwatts) {
        Path dir = root.resolve("class/hwmon").resolve(device);
        write(dir.resolve("name"), name);
        write(dir.resolve(sensor), Long.toString(microwatts));
        return this;
    }

    /** A stand-in for ipmitool: prints this output and exits with this code. */
    public static Path ipmitool(Path dir, String output, int exitCode) {
        try {
            Path script = dir.resolve("fake-ipmitool");
            Files.writeString(script, "#!/bin/sh\ncat <<'EOF'\n" + output + "\nEOF\nexit " + exitCode + "\n");
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
            return script;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a Dell or Supermicro BMC answers to {@code ipmitool dcmi power reading}. */
    public static String dcmiReading(int watts) {
        return """
                    Instantaneous power reading:                   %d Watts
                    Minimum during sampling period:                 56 Watts
                    Maximum during sampling period:                392 Watts
                    Average power reading over sample period:      225 Watts
                    IPMI timestamp:                           Tue Dec  1 14:00:00 2026
                    Sampling period:                          00000001 Seconds.
                    Power reading state is:                   activated
                """.formatted(watts);
    }

    private static void write(Path file, String value) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, value + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
