package servmon.dashboard.energy;

import servmon.dashboard.base.ui.Texts;
import servmon.store.energy.EnergyAmount;

import java.util.Locale;

/** How energy figures read on the pages: "12.3 kWh", with how much of it is estimated when any is. */
public final class EnergyText {

    private EnergyText() {
    }

    public static String kWh(EnergyFigure figure) {
        return amount(figure.kWh(), "kWh") + estimate(figure.estimatedShare());
    }

    public static String kWh(EnergyAmount amount) {
        return kWh(EnergyFigure.of(amount));
    }

    /** A fleet draws kilowatts or megawatts: "1.95 MW" reads at a glance where "1949075.9 W" does not. */
    public static String watts(double watts, double estimatedW) {
        String amount = watts >= 1_000_000 ? String.format(Locale.ROOT, "%.2f MW", watts / 1_000_000)
                : watts >= 1_000 ? String.format(Locale.ROOT, "%.1f kW", watts / 1_000)
                : amount(watts, "W");
        return amount + estimate(watts <= 0 ? null : estimatedW / watts);
    }

    // two significant decimals for small figures, where they are all there is to see
    private static String amount(double value, String unit) {
        return String.format(Locale.ROOT, value < 10 ? "%.2f %s" : "%.1f %s", value, unit);
    }

    private static String estimate(Double share) {
        if (share == null || share == 0) {
            return "";
        }
        return " " + (share >= 1 ? Texts.get("energy.estimated")
                : Texts.get("energy.estimated-share", String.format(Locale.ROOT, "%.0f", share * 100)));
    }
}
