package servmon.store.energy;

/**
 * An energy figure of one group of servers.
 *
 * @param group the servers' group ({@code server.site}), null for the servers in none
 */
public record GroupAmount(String group, EnergyAmount amount) {
}
