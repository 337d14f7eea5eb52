package servmon.agent.power;

import java.util.Optional;

/**
 * One way of knowing the machine's power draw. A meter that cannot read on this machine (no sensor, no permission)
 * answers empty, and {@link PowerMeterChain} asks the next one.
 */
public interface PowerMeter {

    /** @param cpuPct the CPU load of the sample being reported, 0..100; models use it, sensors ignore it */
    Optional<PowerReading> read(double cpuPct);
}
