package servmon.store.energy;

/**
 * What the servers that are on draw now, from each one's latest sample.
 *
 * @param group      the servers' group ({@code server.site}), null for the servers in none
 * @param watts      the sum of their latest power readings
 * @param estimatedW the part of {@code watts} from estimated readings
 * @param servers    how many servers are on and reported power
 */
public record PowerNow(String group, double watts, double estimatedW, int servers) {
}
