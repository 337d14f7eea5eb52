package servmon.agent.power;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import servmon.events.PowerSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Watts from a hwmon power sensor ({@code power<N>_average} or {@code power<N>_input}, microwatts), such as the ACPI
 * power meter of many servers or a PMBus power supply. Drivers that measure one component (a GPU, a CPU) are
 * passed over: their watts are not the machine's. One sysfs read per report.
 */
final class HwmonPowerMeter implements PowerMeter {

    /** hwmon drivers whose power sensors measure one part of the machine, with the part. */
    static final Map<String, String> COMPONENT_DRIVERS = Map.of(
            "amdgpu", "GPU", "radeon", "GPU", "nouveau", "GPU", "i915", "GPU", "xe", "GPU",
            "fam15h_power", "CPU", "zenpower", "CPU", "amd_energy", "CPU", "k10temp", "CPU");
    private static final Pattern DEVICE = Pattern.compile("hwmon(\\d+)");
    private static final Pattern SENSOR = Pattern.compile("power(\\d+)_(average|input)");
    private static final Logger log = LoggerFactory.getLogger(HwmonPowerMeter.class);

    private final Path sensor;
    private final SysfsFiles files;
    private boolean failing;

    private HwmonPowerMeter(Path sensor, SysfsFiles files) {
        this.sensor = sensor;
        this.files = files;
    }

    static PowerProbe probe(Path sysfs) {
        return probe(sysfs, SysfsFiles.DIRECT);
    }

    /** The first device (by number) with a power sensor that reads more than 0 W. */
    static PowerProbe probe(Path sysfs, SysfsFiles files) {
        Path hwmon = sysfs.resolve("class/hwmon");
        if (!Files.isDirectory(hwmon)) {
            return PowerProbe.unusable(PowerSource.HWMON, "no " + hwmon);
        }
        List<String> passedOver = new ArrayList<>();
        for (Path device : devices(hwmon)) {
            String name = nameOf(device, files);
            Optional<Path> sensor = sensorOf(device);
            if (sensor.isEmpty()) {
                continue;
            }
            String label = device.getFileName() + " (" + name + ")";
            String part = COMPONENT_DRIVERS.get(name);
            if (part != null) {
                passedOver.add(label + " measures the " + part + " only");
                continue;
            }
            try {
                long microwatts = files.readLong(sensor.get());
                if (microwatts > 0) {
                    return PowerProbe.usable(PowerSource.HWMON, new HwmonPowerMeter(sensor.get(), files),
                            sensor.get() + " " + label);
                }
                passedOver.add(sensor.get() + " reads 0 W");
            } catch (IOException e) {
                passedOver.add(sensor.get() + " not readable (" + e.getMessage() + ")");
            }
        }
        String none = "no power*_average or power*_input sensor under " + hwmon;
        return PowerProbe.unusable(PowerSource.HWMON,
                passedOver.isEmpty() ? none : "no usable power sensor under " + hwmon + ": "
                        + String.join("; ", passedOver));
    }

    private static List<Path> devices(Path hwmon) {
        try (Stream<Path> entries = Files.list(hwmon)) {
            return entries.filter(dir -> DEVICE.matcher(dir.getFileName().toString()).matches())
                    .sorted(Comparator.comparingInt(dir -> number(DEVICE, dir)))
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static String nameOf(Path device, SysfsFiles files) {
        try {
            return files.read(device.resolve("name")).strip();
        } catch (IOException e) {
            return "unnamed";
        }
    }

    /** The lowest-numbered sensor (a supply's input comes first), its average before its instant value. */
    private static Optional<Path> sensorOf(Path device) {
        try (Stream<Path> entries = Files.list(device)) {
            return entries.filter(file -> SENSOR.matcher(file.getFileName().toString()).matches())
                    .min(Comparator.<Path>comparingInt(file -> number(SENSOR, file))
                            .thenComparing(file -> file.getFileName().toString().endsWith("_input")));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static int number(Pattern pattern, Path path) {
        Matcher m = pattern.matcher(path.getFileName().toString());
        return m.matches() ? Integer.parseInt(m.group(1)) : Integer.MAX_VALUE;
    }

    @Override
    public Optional<PowerReading> read(double cpuPct) {
        try {
            long microwatts = files.readLong(sensor);
            if (failing) {
                failing = false;
                log.info("{} readable again", sensor);
            }
            return microwatts >= 0 ? Optional.of(new PowerReading(microwatts / 1e6, PowerSource.HWMON))
                    : Optional.empty();
        } catch (IOException e) {
            if (!failing) {
                failing = true;
                log.warn("{} stopped being readable ({}): using the next power source", sensor, e.toString());
            }
            return Optional.empty();
        }
    }
}
