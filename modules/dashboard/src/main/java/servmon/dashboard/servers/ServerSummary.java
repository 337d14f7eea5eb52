package servmon.dashboard.servers;

import servmon.events.PowerSource;
import servmon.events.ServerState;
import servmon.store.server.ServerOverview;

import java.time.Instant;
import java.util.Locale;

/**
 * One server as the tiles, the list and the JSON API show it: state and latest sample. Null fields are
 * unknown (never reported).
 */
public record ServerSummary(
        long id,
        String name,
        ServerState state,
        Instant stateSince,
        Instant lastSeen,
        Double cpuPct,
        Double powerW,
        PowerSource powerSource,
        Integer userCount,
        Instant lastSampledAt) {

    static ServerSummary of(ServerOverview row) {
        return new ServerSummary(row.id(), row.name(), stateOf(row.state()), row.stateSince(), row.lastSeen(),
                row.cpuPct(), row.powerW(), powerSourceOf(row.powerSource()), row.userCount(), row.lastSampledAt());
    }

    // The status table is written by other services: tolerate a value this version does not know.
    static ServerState stateOf(String state) {
        try {
            return state == null ? ServerState.EMPTY : ServerState.valueOf(state.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return ServerState.EMPTY;
        }
    }

    static PowerSource powerSourceOf(String source) {
        try {
            return source == null ? null : PowerSource.valueOf(source.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
