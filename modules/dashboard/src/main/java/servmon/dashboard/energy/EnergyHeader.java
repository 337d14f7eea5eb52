package servmon.dashboard.energy;

/**
 * The fleet header's figures; today and this month are the calendar day and month in the viewer's time zone.
 *
 * @param wattsNow       what the servers that are on draw now
 * @param estimatedWNow  the part of {@code wattsNow} from estimated readings
 */
public record EnergyHeader(double wattsNow, double estimatedWNow, EnergyFigure usedToday, EnergyFigure savedToday,
                           EnergyFigure savedThisMonth) {
}
