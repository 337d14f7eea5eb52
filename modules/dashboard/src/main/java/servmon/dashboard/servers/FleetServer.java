package servmon.dashboard.servers;

import servmon.events.PowerSource;
import servmon.events.ServerState;

import java.time.Instant;

/**
 * One server as the main page shows it, kept by the {@link FleetFeed}: its status and latest sample, its group, and
 * whether it can be woken and needs attention. Null fields are unknown (never reported).
 *
 * @param group      the server's group (site or role), null for none
 * @param macKnown   whether a Wake can reach it: the admin gave a MAC, or its agent reported (every report carries its
 *                   interfaces' MACs, which the state monitor keeps for waking)
 * @param conflict   two agents report with its key, so its figures cannot be trusted
 * @param wakeFailed a wake timed out since it entered its current state, and it is not ON
 */
record FleetServer(
        long id,
        String name,
        String group,
        boolean macKnown,
        ServerState state,
        Instant stateSince,
        Instant lastSeen,
        Double cpuPct,
        Double powerW,
        PowerSource powerSource,
        Integer userCount,
        boolean conflict,
        boolean wakeFailed) {

    /** CPU at or above this reads as high: the gauge shows it with its own colour and a mark, never red. */
    static final double HIGH_CPU_PCT = 85;
    /** {@link #attentionRank()} up to this is a problem: OFF, conflicting reports, a failed wake. */
    static final int PROBLEM_RANK = 2;

    /**
     * How urgently the server wants a look, 0 first: OFF (stopped unexpectedly), then untrusted reports, a failed
     * wake, a wake under way, one that never reported, then the fine ones.
     */
    int attentionRank() {
        if (state == ServerState.OFF) {
            return 0;
        }
        if (conflict) {
            return 1;
        }
        if (wakeFailed) {
            return 2;
        }
        return switch (state) {
            case WAKING -> 3;
            case EMPTY -> 4;
            case ON -> 5;
            case ASLEEP -> 6;
            case OFF -> 0;
        };
    }

    boolean problem() {
        return attentionRank() <= PROBLEM_RANK;
    }

    boolean highCpu() {
        return state == ServerState.ON && cpuPct != null && cpuPct >= HIGH_CPU_PCT;
    }
}
