package servmon.dashboard.servers;

import servmon.events.ServerState;

import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The whole fleet at one moment, as the {@link FleetFeed} last read it: never changed once made, so every open page
 * can read it without locks.
 *
 * @param counts   servers per state (every state present, 0 when none)
 * @param problems servers that want a look: OFF, conflicting reports or a failed wake
 * @param groups   the groups in use, sorted
 */
record FleetSnapshot(Map<Long, FleetServer> servers, Map<ServerState, Integer> counts, int problems,
                     SortedSet<String> groups) {

    static final FleetSnapshot EMPTY = of(Map.of());

    /** @param servers taken as it is: the caller hands it over and never changes it again */
    static FleetSnapshot of(Map<Long, FleetServer> servers) {
        Map<ServerState, Integer> counts = new EnumMap<>(ServerState.class);
        for (ServerState state : ServerState.values()) {
            counts.put(state, 0);
        }
        int problems = 0;
        SortedSet<String> groups = new TreeSet<>();
        for (FleetServer server : servers.values()) {
            counts.merge(server.state(), 1, Integer::sum);
            if (server.problem()) {
                problems++;
            }
            if (server.group() != null) {
                groups.add(server.group());
            }
        }
        return new FleetSnapshot(Map.copyOf(servers), Map.copyOf(counts), problems,
                java.util.Collections.unmodifiableSortedSet(groups));
    }

    Collection<FleetServer> all() {
        return servers.values();
    }

    int size() {
        return servers.size();
    }
}
