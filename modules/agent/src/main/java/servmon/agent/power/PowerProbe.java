package servmon.agent.power;

import servmon.events.PowerSource;

import java.util.Objects;

/**
 * What one power reader found when the agent started: a meter and what it reads, or why it cannot read here.
 * {@code servmon agent status} prints these, and the agent logs them once.
 *
 * @param meter  the meter, or null when this source is not usable on this machine
 * @param detail what the meter reads (usable) or why it cannot (not usable), in words for the operator
 */
public record PowerProbe(PowerSource source, PowerMeter meter, String detail) {

    public PowerProbe {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(detail, "detail");
    }

    static PowerProbe usable(PowerSource source, PowerMeter meter, String detail) {
        return new PowerProbe(source, Objects.requireNonNull(meter, "meter"), detail);
    }

    static PowerProbe unusable(PowerSource source, String why) {
        return new PowerProbe(source, null, why);
    }

    public boolean isUsable() {
        return meter != null;
    }
}
