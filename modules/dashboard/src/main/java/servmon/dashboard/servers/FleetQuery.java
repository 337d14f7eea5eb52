package servmon.dashboard.servers;

import servmon.events.ServerState;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * What the main page shows of the fleet: a name search, a state (or only the problems), a group, and an order.
 *
 * @param search       part of the name, any case; blank for every name
 * @param state        only servers in this state; null for every state
 * @param problemsOnly only servers that want a look (OFF, conflicting reports, a failed wake)
 * @param group        only servers of this group; null for every group
 */
record FleetQuery(String search, ServerState state, boolean problemsOnly, String group, FleetSort sort) {

    static final FleetQuery EVERYTHING = new FleetQuery("", null, false, null, FleetSort.ATTENTION);

    FleetQuery {
        search = search == null ? "" : search.strip();
        Objects.requireNonNull(sort, "sort");
    }

    FleetQuery withSearch(String text) {
        return new FleetQuery(text, state, problemsOnly, group, sort);
    }

    FleetQuery withState(ServerState only) {
        return new FleetQuery(search, only, false, group, sort);
    }

    FleetQuery withProblemsOnly() {
        return new FleetQuery(search, null, true, group, sort);
    }

    FleetQuery withGroup(String only) {
        return new FleetQuery(search, state, problemsOnly, only == null || only.isBlank() ? null : only, sort);
    }

    FleetQuery withSort(FleetSort order) {
        return new FleetQuery(search, state, problemsOnly, group, order);
    }

    /** The servers of the fleet that match, in order. */
    List<FleetServer> apply(FleetSnapshot fleet) {
        return fleet.all().stream().filter(matcher()).sorted(sort.order()).toList();
    }

    Predicate<FleetServer> matcher() {
        String needle = search.toLowerCase(Locale.ROOT);
        return server -> (needle.isEmpty() || server.name().toLowerCase(Locale.ROOT).contains(needle))
                && (state == null || server.state() == state)
                && (!problemsOnly || server.problem())
                && (group == null || group.equals(server.group()));
    }
}
