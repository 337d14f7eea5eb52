package servmon.agent.power;

import servmon.events.PowerSource;

/** A power figure in watts and where it came from. */
public record PowerReading(double watts, PowerSource source) {

    public PowerReading {
        if (!(watts >= 0)) {
            throw new IllegalArgumentException("watts must not be negative (got " + watts + ")");
        }
        if (source == null) {
            throw new IllegalArgumentException("source is required");
        }
    }
}
