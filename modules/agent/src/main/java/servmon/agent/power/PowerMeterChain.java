package servmon.agent.power;

import servmon.events.PowerSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Asks meters best first (the order of {@link servmon.events.PowerSource}: BMC, HWMON, RAPL) and takes the first
 * answer; the estimate at the end always answers. A sensor that fails on one report gives that report to the next
 * meter, and every report says which source its watts came from.
 */
public final class PowerMeterChain implements PowerMeter {

    private final List<PowerMeter> meters;
    private final List<PowerProbe> probes;

    PowerMeterChain(List<PowerMeter> meters) {
        this(meters, List.of());
    }

    private PowerMeterChain(List<PowerMeter> meters, List<PowerProbe> probes) {
        if (meters.isEmpty()) {
            throw new IllegalArgumentException("a power meter chain needs at least one meter");
        }
        this.meters = List.copyOf(meters);
        this.probes = List.copyOf(probes);
    }

    /**
     * The chain for this machine: every reader is probed once, here (the BMC through ipmitool, hwmon power sensors,
     * RAPL counters), and the usable ones go in front of the estimate in that order.
     *
     * @param idleOverrideW whole-machine idle watts from --power-idle-w, or null for the SPECpower default
     * @param maxOverrideW  whole-machine full-load watts from --power-max-w, or null for the SPECpower default
     */
    public static PowerMeterChain forThisMachine(PowerSensors sensors, int logicalCpus, Double idleOverrideW,
                                                 Double maxOverrideW) {
        LinearPowerEstimate estimate = LinearPowerEstimate.forLogicalCpus(logicalCpus, idleOverrideW, maxOverrideW);
        List<PowerProbe> probes = List.of(
                IpmiDcmiPowerMeter.probe(sensors.ipmitool(), sensors.ipmiTimeout()),
                HwmonPowerMeter.probe(sensors.sysfs()),
                RaplPowerMeter.probe(sensors.sysfs()),
                PowerProbe.usable(PowerSource.ESTIMATE, estimate, describe(estimate, logicalCpus, idleOverrideW,
                        maxOverrideW)));
        List<PowerMeter> meters = new ArrayList<>();
        for (PowerProbe probe : probes) {
            if (probe.isUsable()) {
                meters.add(probe.meter());
            }
        }
        return new PowerMeterChain(meters, probes);
    }

    private static String describe(LinearPowerEstimate estimate, int logicalCpus, Double idleOverrideW,
                                   Double maxOverrideW) {
        String from = idleOverrideW == null && maxOverrideW == null
                ? "SPECpower averages for " + Math.max(1, logicalCpus) + " logical CPUs;"
                + " --power-idle-w and --power-max-w set this machine's own"
                : "from --power-idle-w/--power-max-w";
        return String.format(Locale.ROOT, "idle %.1f W to %.1f W at full load, linear in CPU load (%s)",
                estimate.idleW(), estimate.maxW(), from);
    }

    /** What each reader found when the chain was made, best first; empty for a chain made from given meters. */
    public List<PowerProbe> probes() {
        return probes;
    }

    /** The reader that answers while every sensor keeps reading: the first usable probe. */
    public Optional<PowerProbe> chosen() {
        return probes.stream().filter(PowerProbe::isUsable).findFirst();
    }

    /** Never empty: the last meter of every chain built here is the estimate. */
    public PowerReading readOrEstimate(double cpuPct) {
        return read(cpuPct).orElseThrow(() -> new IllegalStateException("no power meter answered"));
    }

    @Override
    public Optional<PowerReading> read(double cpuPct) {
        for (PowerMeter meter : meters) {
            Optional<PowerReading> reading = meter.read(cpuPct);
            if (reading.isPresent()) {
                return reading;
            }
        }
        return Optional.empty();
    }
}
