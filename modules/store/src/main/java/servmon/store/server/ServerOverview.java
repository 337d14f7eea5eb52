package servmon.store.server;

import java.time.Instant;

/**
 * One server with its latest state and sample, as the dashboard's tiles and list show it. Built by
 * {@link ServerRepository#findAllOverviews()} in a single query.
 *
 * @param state EMPTY when the server has no status row yet
 */
public record ServerOverview(
        long id,
        String name,
        String mac,
        String state,
        Instant stateSince,
        Instant lastSeen,
        Instant lastSampledAt,
        Double cpuPct,
        Double powerW,
        String powerSource,
        Integer userCount) {
}
