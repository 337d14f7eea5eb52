package servmon.agent.power;

import servmon.events.PowerSource;

import java.util.Optional;

/**
 * The last resort when no sensor is readable: {@code P = idle + (max - idle) * cpuPct / 100}
 * (Cloud Carbon Footprint's model). Never empty, so it closes every chain. Public for the simulated fleet, which
 * draws its virtual servers' watts from the same model.
 */
public final class LinearPowerEstimate implements PowerMeter {

    /** SPECpower_ssj2008 averages per logical CPU, as used by Cloud Carbon Footprint for AWS. */
    static final double IDLE_W_PER_LOGICAL_CPU = 0.74;
    static final double MAX_W_PER_LOGICAL_CPU = 3.5;

    private final double idleW;
    private final double maxW;

    LinearPowerEstimate(double idleW, double maxW) {
        if (!(idleW >= 0) || !(maxW >= idleW)) {
            throw new IllegalArgumentException(
                    "power model needs 0 <= idle <= max watts (got idle " + idleW + ", max " + maxW + ")");
        }
        this.idleW = idleW;
        this.maxW = maxW;
    }

    /** The SPECpower defaults for this many logical CPUs, with either end replaced when the operator knows better. */
    public static LinearPowerEstimate forLogicalCpus(int logicalCpus, Double idleOverrideW, Double maxOverrideW) {
        int cpus = Math.max(1, logicalCpus);
        double idle = idleOverrideW != null ? idleOverrideW : IDLE_W_PER_LOGICAL_CPU * cpus;
        double max = maxOverrideW != null ? maxOverrideW : MAX_W_PER_LOGICAL_CPU * cpus;
        // only one end given and it crosses the default other end: trust the operator's figure for both
        if (max < idle) {
            if (maxOverrideW == null) {
                max = idle;
            } else if (idleOverrideW == null) {
                idle = max;
            }
        }
        return new LinearPowerEstimate(idle, max);
    }

    double idleW() {
        return idleW;
    }

    double maxW() {
        return maxW;
    }

    @Override
    public Optional<PowerReading> read(double cpuPct) {
        return Optional.of(new PowerReading(watts(cpuPct), PowerSource.ESTIMATE));
    }

    /** The estimate alone, without a reading around it (the simulator's hot path). */
    public double watts(double cpuPct) {
        double load = Double.isNaN(cpuPct) ? 0.0 : Math.clamp(cpuPct, 0.0, 100.0) / 100.0;
        return idleW + (maxW - idleW) * load;
    }
}
