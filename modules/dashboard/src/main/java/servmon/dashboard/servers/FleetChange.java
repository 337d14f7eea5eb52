package servmon.dashboard.servers;

import java.util.Map;
import java.util.Set;

/**
 * What one read of the {@link FleetFeed} changed: the fleet after it, the servers whose values changed and those
 * that were removed.
 *
 * @param changed new values by id (servers added, or whose status, name or group changed)
 * @param moved   ids among {@code changed} whose place in a filtered, sorted list may differ now (added, renamed,
 *                regrouped, or another state or attention rank): a page re-sorts only then, and otherwise updates
 *                what it shows in place, so rows do not move under the pointer with every CPU figure
 */
record FleetChange(FleetSnapshot snapshot, Map<Long, FleetServer> changed, Set<Long> moved, Set<Long> removed) {

    boolean reorders() {
        return !moved.isEmpty() || !removed.isEmpty();
    }
}
