package servmon.statemonitor;

import servmon.events.MetricReport;
import servmon.events.NetInterface;
import servmon.events.ServerKey;
import servmon.events.ServerState;
import servmon.events.ServerStateChanged;
import servmon.events.ServmonEvent;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the monitor remembers of one registered server: its current verdict and the facts behind it.
 * Times are epoch milliseconds of the monitor's wall clock, never the agent's (which may be skewed).
 *
 * @param previous   the state before {@code state}; null right after registration
 * @param sinceMs    when the server entered {@code state}
 * @param lastSeenMs when its latest report was processed; {@link #NEVER} if it never reported
 * @param intervalS  the agent's reporting interval from its latest report; 0 before the first
 * @param bootId     boot id from its latest report that had one
 * @param interfaces interfaces from its latest report that listed any, kept so an OFF server can be woken
 * @param powerBeforeSleepW while ASLEEP (and WAKING from it): the watts it drew before sleeping; else null
 */
record TrackedServer(ServerState state, ServerState previous, long sinceMs, long lastSeenMs, int intervalS,
                     String bootId, List<NetInterface> interfaces, Double powerBeforeSleepW) {

    static final long NEVER = 0;

    TrackedServer {
        Objects.requireNonNull(state, "state");
        interfaces = interfaces == null ? List.of() : List.copyOf(interfaces);
    }

    static TrackedServer registered(long nowMs) {
        return new TrackedServer(ServerState.EMPTY, null, nowMs, NEVER, 0, null, List.of(), null);
    }

    /** The power before sleeping is kept while the server sleeps or is being woken, and forgotten after. */
    TrackedServer moveTo(ServerState next, long nowMs) {
        boolean sleeping = next == ServerState.ASLEEP || next == ServerState.WAKING;
        return new TrackedServer(next, state, nowMs, lastSeenMs, intervalS, bootId, interfaces,
                sleeping ? powerBeforeSleepW : null);
    }

    TrackedServer asleep(long nowMs, Double powerW) {
        return new TrackedServer(ServerState.ASLEEP, state, nowMs, lastSeenMs, intervalS, bootId, interfaces, powerW);
    }

    /** The facts of a report; the state is left to the caller. A report missing bootId or interfaces keeps the old. */
    TrackedServer seen(MetricReport report, long nowMs) {
        return new TrackedServer(state, previous, sinceMs, nowMs, report.intervalS(),
                report.bootId() != null ? report.bootId() : bootId,
                report.interfaces().isEmpty() ? interfaces : report.interfaces(), powerBeforeSleepW);
    }

    /** True when the report proves a reboot: both boot ids are known and differ. */
    boolean bootedAgain(MetricReport report) {
        return bootId != null && report.bootId() != null && !bootId.equals(report.bootId());
    }

    ServerStateChanged toEvent(ServerKey key) {
        return new ServerStateChanged(ServmonEvent.VERSION, key, state, previous, Instant.ofEpochMilli(sinceMs),
                lastSeenMs == NEVER ? null : Instant.ofEpochMilli(lastSeenMs), bootId, intervalS, interfaces,
                powerBeforeSleepW);
    }
}
