package servmon.dashboard.energy;

import java.time.Instant;
import java.util.List;

/**
 * The fleet's (or one group's) energy over [from, to), in total and per group.
 *
 * @param group    the group asked for, null for the whole fleet
 * @param wattsNow what the servers that are on draw now (not bound to the range)
 */
public record FleetEnergyReport(Instant from, Instant to, String group, double wattsNow, EnergyFigure used,
                                EnergyFigure saved, List<GroupEnergy> groups) {
}
