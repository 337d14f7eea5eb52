package servmon.agent.power;

import java.util.List;
import java.util.Optional;

/**
 * Asks meters best first (the order of {@link servmon.events.PowerSource}: BMC, HWMON, RAPL) and takes the first
 * answer; the estimate at the end always answers.
 */
public final class PowerMeterChain implements PowerMeter {

    private final List<PowerMeter> meters;

    PowerMeterChain(List<PowerMeter> meters) {
        if (meters.isEmpty()) {
            throw new IllegalArgumentException("a power meter chain needs at least one meter");
        }
        this.meters = List.copyOf(meters);
    }

    /**
     * The chain for this machine. Sensor readers (RAPL from /sys/class/powercap, hwmon power*_input) go in front
     * of the estimate when they exist; none is readable on the machines seen so far, so only the model is here.
     *
     * @param idleOverrideW whole-machine idle watts from --power-idle-w, or null for the SPECpower default
     * @param maxOverrideW  whole-machine full-load watts from --power-max-w, or null for the SPECpower default
     */
    public static PowerMeterChain forThisMachine(int logicalCpus, Double idleOverrideW, Double maxOverrideW) {
        return new PowerMeterChain(List.of(
                LinearPowerEstimate.forLogicalCpus(logicalCpus, idleOverrideW, maxOverrideW)));
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
