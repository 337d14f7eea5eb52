package servmon.dashboard.energy;

import java.time.Instant;

/** One server's energy over [from, to): used, integrated from its reported watts, and saved by sleeping. */
public record ServerEnergyReport(long serverId, Instant from, Instant to, EnergyFigure used, EnergyFigure saved) {
}
