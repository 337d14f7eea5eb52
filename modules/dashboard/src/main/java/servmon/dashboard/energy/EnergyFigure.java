package servmon.dashboard.energy;

import servmon.store.energy.EnergyAmount;

/**
 * An energy figure as the pages and the API show it.
 *
 * @param kWh            the energy
 * @param estimatedKWh   the part of it that rests on an estimate rather than a sensor
 * @param estimatedShare {@code estimatedKWh / kWh}, from 0 to 1; null when {@code kWh} is 0
 * @param source         "measured", "estimated", "mixed" (some of each) or "none" (no energy to speak of)
 */
public record EnergyFigure(double kWh, double estimatedKWh, Double estimatedShare, String source) {

    static final EnergyFigure NONE = of(EnergyAmount.ZERO);

    static EnergyFigure of(EnergyAmount amount) {
        Double share = amount.estimatedShare();
        String source = share == null ? "none" : share == 0 ? "measured" : share >= 1 ? "estimated" : "mixed";
        return new EnergyFigure(amount.kWh(), amount.estimatedWh() / 1000, share, source);
    }
}
