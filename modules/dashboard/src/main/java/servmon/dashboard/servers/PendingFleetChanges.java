package servmon.dashboard.servers;

import java.util.HashSet;
import java.util.Set;

/**
 * The feed's changes one page has not taken yet. A page whose UI is busy, or whose browser is slow, takes all of them
 * in one update rather than a queue of stale ones: only the first change after a take asks the UI for a turn.
 */
final class PendingFleetChanges {

    /** Everything since the last take: the fleet now, what changed in it, and whether lists must be re-sorted. */
    record Batch(FleetSnapshot snapshot, Set<Long> changed, boolean reorders) {
    }

    private FleetSnapshot snapshot;
    private Set<Long> changed = new HashSet<>();
    private boolean reorders;
    private boolean waiting;

    /** @return whether the caller must ask the UI for a turn (nobody asked since the last take) */
    synchronized boolean add(FleetChange change) {
        snapshot = change.snapshot();
        changed.addAll(change.changed().keySet());
        reorders |= change.reorders();
        if (waiting) {
            return false;
        }
        waiting = true;
        return true;
    }

    synchronized Batch take() {
        Batch batch = new Batch(snapshot, changed, reorders);
        changed = new HashSet<>();
        reorders = false;
        waiting = false;
        return batch;
    }
}
