package servmon.statemonitor;

import servmon.events.MetricReport;
import servmon.events.NetInterface;
import servmon.events.ServerId;
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
 * @param priorBootId the boot id before {@code bootId}: a report coming back to it is a second agent, not a reboot
 * @param conflictUntilMs while two agents report with this key, until when (extended by each flip); 0 for none
 * @param sleptAtMs  while ASLEEP (and WAKING from it): when the agent answered the sleep order, by the agent's own clock
 *                   (the clock of its reports' sampledAt); 0 otherwise
 */
record TrackedServer(ServerState state, ServerState previous, long sinceMs, long lastSeenMs, int intervalS,
                     String bootId, List<NetInterface> interfaces, Double powerBeforeSleepW, String priorBootId,
                     long conflictUntilMs, long sleptAtMs) {

    static final long NEVER = 0;

    TrackedServer {
        Objects.requireNonNull(state, "state");
        interfaces = interfaces == null ? List.of() : List.copyOf(interfaces);
    }

    static TrackedServer registered(long nowMs) {
        return new TrackedServer(ServerState.EMPTY, null, nowMs, NEVER, 0, null, List.of(), null, null, 0, 0);
    }

    /** The power before sleeping is kept while the server sleeps or is being woken, and forgotten after. */
    TrackedServer moveTo(ServerState next, long nowMs) {
        boolean sleeping = next == ServerState.ASLEEP || next == ServerState.WAKING;
        return new TrackedServer(next, state, nowMs, lastSeenMs, intervalS, bootId, interfaces,
                sleeping ? powerBeforeSleepW : null, priorBootId, conflictUntilMs, sleeping ? sleptAtMs : 0);
    }

    TrackedServer asleep(long nowMs, Double powerW, long answeredAtMs) {
        return new TrackedServer(ServerState.ASLEEP, state, nowMs, lastSeenMs, intervalS, bootId, interfaces, powerW,
                priorBootId, conflictUntilMs, answeredAtMs);
    }

    /**
     * True for a report the agent sampled before it answered the sleep order, delivered late (reports and answers
     * travel on different topics, and a monitor catching up reads the small one faster): it says nothing about now.
     * A report of a new boot, or sampled after the answer, is the server back.
     */
    boolean sampledBeforeSleeping(MetricReport report) {
        return sleptAtMs != 0 && (state == ServerState.ASLEEP || state == ServerState.WAKING)
                && !bootedAgain(report) && report.sampledAt().toEpochMilli() <= sleptAtMs;
    }

    /** The facts of a report; the state is left to the caller. A report missing bootId or interfaces keeps the old. */
    TrackedServer seen(MetricReport report, long nowMs) {
        boolean newBoot = report.bootId() != null && !report.bootId().equals(bootId);
        return new TrackedServer(state, previous, sinceMs, nowMs, report.intervalS(),
                report.bootId() != null ? report.bootId() : bootId,
                report.interfaces().isEmpty() ? interfaces : report.interfaces(), powerBeforeSleepW,
                newBoot ? bootId : priorBootId, conflictUntilMs, sleptAtMs);
    }

    /**
     * True when the report comes back to the boot id before the current one: machines do not boot into an old boot
     * id, so two agents are reporting with this one key.
     */
    boolean flipsBack(MetricReport report) {
        return priorBootId != null && priorBootId.equals(report.bootId()) && bootedAgain(report);
    }

    boolean inConflict(long nowMs) {
        return conflictUntilMs != 0 && nowMs <= conflictUntilMs;
    }

    TrackedServer conflictUntil(long untilMs) {
        return new TrackedServer(state, previous, sinceMs, lastSeenMs, intervalS, bootId, interfaces,
                powerBeforeSleepW, priorBootId, untilMs, sleptAtMs);
    }

    /** True when the two differ in nothing but when the server was last seen. */
    boolean differsOnlyInLastSeen(TrackedServer other) {
        return equals(new TrackedServer(other.state, other.previous, other.sinceMs, lastSeenMs, other.intervalS,
                other.bootId, other.interfaces, other.powerBeforeSleepW, other.priorBootId, other.conflictUntilMs,
                other.sleptAtMs));
    }

    /** True when the report proves a reboot: both boot ids are known and differ. */
    boolean bootedAgain(MetricReport report) {
        return bootId != null && report.bootId() != null && !bootId.equals(report.bootId());
    }

    ServerStateChanged toEvent(ServerId key) {
        return new ServerStateChanged(ServmonEvent.VERSION, key, state, previous, Instant.ofEpochMilli(sinceMs),
                lastSeenMs == NEVER ? null : Instant.ofEpochMilli(lastSeenMs), bootId, intervalS, interfaces,
                powerBeforeSleepW, conflictUntilMs == 0 ? null
                        : "two agents report with this server's key (boot ids " + priorBootId + " and " + bootId
                        + "): stop one, or give it a key of its own");
    }
}
