package servmon.store.energy;

/**
 * An amount of energy and the part of it that rests on an estimate rather than a sensor.
 *
 * @param wh          watt-hours
 * @param estimatedWh the part of {@code wh} from estimated power (the agent's CPU-load model, or no known source)
 */
public record EnergyAmount(double wh, double estimatedWh) {

    public static final EnergyAmount ZERO = new EnergyAmount(0, 0);

    public EnergyAmount plus(EnergyAmount other) {
        return new EnergyAmount(wh + other.wh, estimatedWh + other.estimatedWh);
    }

    public double kWh() {
        return wh / 1000;
    }

    /** From 0 (all measured) to 1 (all estimated); null when there is no energy to share out. */
    public Double estimatedShare() {
        return wh <= 0 ? null : Math.min(1, estimatedWh / wh);
    }
}
