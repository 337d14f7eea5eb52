package servmon.dashboard.energy;

/**
 * One group's energy over a range.
 *
 * @param group    the group (a server's site or role), null for the servers in none
 * @param wattsNow what its servers that are on draw now
 * @param used     energy its servers used over the range, integrated from their reported watts
 * @param saved    energy they saved by sleeping over the range
 */
public record GroupEnergy(String group, double wattsNow, EnergyFigure used, EnergyFigure saved) {
}
