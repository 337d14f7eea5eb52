package servmon.events.policy;

import java.time.Duration;
import java.util.List;

/**
 * How one group of servers saves power. Every part is optional except the group; a policy with none of them does
 * nothing. Checked when it is made, with the reason in the message, for the configuration and the API alike.
 *
 * @param name       how decisions name it ("slept web-3 by policy web-idle: ...")
 * @param group      the servers it steers (a server's group is set in the dashboard)
 * @param dryRun     decide and log, but send nothing
 * @param keepAwake  warm spares: never fewer awake (ON or waking) servers in the group than this
 * @param idleSleep  put idle servers to sleep, null for never
 * @param demandWake wake one more server when the awake ones are busy, null for never
 * @param schedule   windows when the whole group is awake (woken ahead by each server's measured wake time) and
 *                   after which it is put to sleep; empty for none
 */
public record PowerPolicy(String name, String group, boolean dryRun, int keepAwake, IdleSleep idleSleep,
                          DemandWake demandWake, List<String> schedule) {

    public PowerPolicy {
        if (name == null || name.isBlank() || name.length() > 100) {
            throw new IllegalArgumentException("a policy needs a name of 1 to 100 characters");
        }
        if (group == null || group.isBlank()) {
            throw new IllegalArgumentException("policy " + name + ": a policy steers one group; name it");
        }
        if (keepAwake < 0) {
            throw new IllegalArgumentException("policy " + name + ": keep-awake cannot be negative");
        }
        schedule = schedule == null ? List.of() : List.copyOf(schedule);
        schedule.forEach(ScheduleWindow::parse);  // refuses a malformed window now, with its reason
        if (idleSleep != null && demandWake != null && demandWake.avgCpuAbovePct() <= idleSleep.cpuBelowPct()) {
            throw new IllegalArgumentException("policy " + name + ": demand-wake above " + demandWake.avgCpuAbovePct()
                    + " % must be higher than idle-sleep below " + idleSleep.cpuBelowPct()
                    + " %, or servers would be woken and put to sleep in turn");
        }
    }

    public List<ScheduleWindow> windows() {
        return schedule.stream().map(ScheduleWindow::parse).toList();
    }

    /**
     * @param cpuBelowPct  a server is idle under this CPU with nobody logged in ...
     * @param idleFor      ... for this long
     * @param maxPerMinute never more sleeps than this per minute in the group (a calm fleet, time to notice)
     */
    public record IdleSleep(double cpuBelowPct, Duration idleFor, int maxPerMinute) {
        public IdleSleep {
            if (!(cpuBelowPct > 0 && cpuBelowPct <= 100)) {
                throw new IllegalArgumentException("idle-sleep cpu-below-pct must be over 0 and at most 100");
            }
            if (idleFor == null || idleFor.isNegative()) {
                throw new IllegalArgumentException("idle-sleep idle-for must be a duration, e.g. 15m");
            }
            if (maxPerMinute < 1) {
                throw new IllegalArgumentException("idle-sleep max-per-minute must be at least 1");
            }
        }
    }

    /** @param avgCpuAbovePct wake the next server when the group's awake servers average more than this */
    public record DemandWake(double avgCpuAbovePct) {
        public DemandWake {
            if (!(avgCpuAbovePct > 0 && avgCpuAbovePct < 100)) {
                throw new IllegalArgumentException("demand-wake avg-cpu-above-pct must be between 0 and 100");
            }
        }
    }
}
