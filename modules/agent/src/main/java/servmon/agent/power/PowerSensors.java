package servmon.agent.power;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Where the power readers look: the sysfs mount (hwmon, RAPL powercap) and the ipmitool command line. Replaceable so
 * that an agent in a container can read the host's /sys mounted elsewhere, and so that tests run the readers on a
 * fake tree and a fake ipmitool.
 *
 * @param sysfs       the sysfs root, normally {@code /sys}
 * @param ipmitool    the ipmitool command (program and leading arguments); {@code dcmi power reading} is appended
 * @param ipmiTimeout how long one ipmitool run may take before the reading counts as failed
 */
public record PowerSensors(Path sysfs, List<String> ipmitool, Duration ipmiTimeout) {

    public static final Duration DEFAULT_IPMI_TIMEOUT = Duration.ofSeconds(3);
    public static final PowerSensors DEFAULT =
            new PowerSensors(Path.of("/sys"), List.of("ipmitool"), DEFAULT_IPMI_TIMEOUT);

    public PowerSensors {
        Objects.requireNonNull(sysfs, "sysfs");
        ipmitool = List.copyOf(ipmitool);
        if (ipmitool.isEmpty() || ipmitool.getFirst().isBlank()) {
            throw new IllegalArgumentException("the ipmitool command must not be empty");
        }
        Objects.requireNonNull(ipmiTimeout, "ipmiTimeout");
        if (ipmiTimeout.isNegative() || ipmiTimeout.isZero()) {
            throw new IllegalArgumentException("ipmiTimeout must be positive (got " + ipmiTimeout + ")");
        }
    }
}
