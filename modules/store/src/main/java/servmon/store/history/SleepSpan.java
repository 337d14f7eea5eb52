package servmon.store.history;

import servmon.store.energy.EnergyAmount;

import java.time.Duration;
import java.time.Instant;

/**
 * One time a server was ASLEEP, as the ingestor keeps it in {@code sleep_period} (see V5); wokeAt null while it
 * sleeps.
 *
 * @param powerBeforeW      what it drew just before sleeping; null when it reported no power
 * @param powerBeforeSource the source of that reading (BMC, HWMON, RAPL, ESTIMATE); null when unknown
 * @param asleepW           what it is taken to draw asleep
 */
public record SleepSpan(Instant asleepAt, Instant wokeAt, Double powerBeforeW, String powerBeforeSource,
                        double asleepW) {

    /**
     * What the sleep saved, until it woke or {@code now}: as EnergyReads counts it, (power before - asleep) x time,
     * estimated unless a sensor gave the power before. Null when the power before sleeping is not known.
     */
    public EnergyAmount saved(Instant now) {
        if (powerBeforeW == null) {
            return null;
        }
        Duration slept = Duration.between(asleepAt, wokeAt == null ? now : wokeAt);
        double wh = Math.max(0, powerBeforeW - asleepW) * Math.max(0, slept.toNanos()) / 3.6e12;
        boolean estimated = powerBeforeSource == null || powerBeforeSource.equals("ESTIMATE");
        return new EnergyAmount(wh, estimated ? wh : 0);
    }
}
