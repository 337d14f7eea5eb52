package servmon.dashboard.notify;

import servmon.events.MetricReport;
import servmon.events.ServerId;
import servmon.events.ServerState;
import servmon.events.ServerStateChanged;
import servmon.events.WakeResult;
import servmon.events.WakeStatus;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The rules, as pure logic: events in, {@link Trigger}s out. Servers are told apart by the events' key.
 * <p>
 * A state record tells what is true since when, so reading it again (servmon restarted and re-reads the state topic
 * at start) must not look like news: an alert from the state topic whose moment (an OFF's start plus
 * {@code offFor}, a key conflict's start) came before these rules were made is history, not raised. An OFF whose
 * {@code offFor} has not run out yet at start is still watched, so "OFF for N s" means the OFF lasted N s whether or
 * not servmon restarted meanwhile. ASLEEP is never OFF, and a server last known ASLEEP raises no CPU, power or
 * conflict alert; a wake that timed out is raised whatever the state, as the server it was for is usually asleep.
 * Thread-safe: the Kafka listeners and the OFF check call it from their threads.
 */
final class AlertRules {

    private final NotifyProperties.Rules rules;
    private final Clock clock;
    private final Instant startedAt;
    private final Map<ServerId, ServerState> states = new HashMap<>();
    /** The servers OFF now (until their next state), and whether that OFF was told (or is history). */
    private final Map<ServerId, Off> offs = new HashMap<>();
    private final Set<ServerId> inConflict = new HashSet<>();
    private final SustainedThreshold<ServerId> cpu;
    private final SustainedThreshold<ServerId> power;

    AlertRules(NotifyProperties.Rules rules, Clock clock) {
        this.rules = rules;
        this.clock = clock;
        this.startedAt = clock.instant();
        this.cpu = rules.cpuOver() == null ? null
                : new SustainedThreshold<>(rules.cpuOver().above(), rules.cpuOver().lastingFor());
        this.power = rules.powerOver() == null ? null
                : new SustainedThreshold<>(rules.powerOver().above(), rules.powerOver().lastingFor());
    }

    /** A state record; a removed server (null) is forgotten. */
    synchronized List<Trigger> onState(ServerId key, ServerStateChanged change) {
        if (change == null) {
            forget(key);
            return List.of();
        }
        states.put(key, change.state());
        if (change.state() == ServerState.OFF && rules.offFor() != null) {
            // OFF again while OFF is the same OFF (told or not): it keeps its start
            if (!offs.containsKey(key)) {
                boolean history = !change.since().plus(rules.offFor()).isAfter(startedAt);
                offs.put(key, new Off(change.since(), history));  // history: due before these rules existed
            }
        } else {
            offs.remove(key);
        }
        if (change.state() == ServerState.ASLEEP) {
            if (cpu != null) {
                cpu.forget(key);
            }
            if (power != null) {
                power.forget(key);
            }
        }
        List<Trigger> triggers = new ArrayList<>();
        if (change.conflict() == null) {
            inConflict.remove(key);
        } else if (inConflict.add(key) && rules.keyConflict() && change.since().isAfter(startedAt)
                && change.state() != ServerState.ASLEEP) {
            triggers.add(new Trigger(NotifyRule.KEY_CONFLICT, key, change.since().toString(), change.since(),
                    "key conflict: " + change.conflict()));
        }
        return triggers;
    }

    /** The servers that have now been OFF for {@code offFor}: each once, then no longer watched. */
    synchronized List<Trigger> dueOffs() {
        if (rules.offFor() == null) {
            return List.of();
        }
        Instant now = clock.instant();
        List<Trigger> triggers = new ArrayList<>();
        for (Map.Entry<ServerId, Off> entry : offs.entrySet()) {
            Off off = entry.getValue();
            if (!off.told() && !off.since().plus(rules.offFor()).isAfter(now)) {
                entry.setValue(new Off(off.since(), true));
                triggers.add(new Trigger(NotifyRule.SERVER_OFF, entry.getKey(), off.since().toString(), off.since(),
                        "OFF for " + seconds(Duration.between(off.since(), now)) + " (stopped reporting at "
                                + off.since() + ")"));
            }
        }
        return triggers;
    }

    synchronized Optional<Trigger> onWakeResult(WakeResult result) {
        if (!rules.wakeTimedOut() || result.status() != WakeStatus.TIMED_OUT) {
            return Optional.empty();
        }
        String detail = "wake timed out" + (result.detail() == null ? "" : ": " + result.detail());
        return Optional.of(new Trigger(NotifyRule.WAKE_TIMED_OUT, result.serverId(), result.commandId().value(),
                result.at(), detail));
    }

    /** Whether any rule reads the agents' reports. */
    boolean needReports() {
        return rules.needReports();
    }

    synchronized List<Trigger> onReport(MetricReport report) {
        ServerId key = report.serverId();
        if (states.get(key) == ServerState.ASLEEP) {
            return List.of();
        }
        List<Trigger> triggers = new ArrayList<>(0);
        if (cpu != null) {
            cpu.offer(key, report.sampledAt(), report.intervalS(), report.cpuPct()).ifPresent(start ->
                    triggers.add(new Trigger(NotifyRule.CPU_OVER, key, start.toString(), start,
                            "CPU above " + number(rules.cpuOver().above()) + " % for "
                                    + seconds(Duration.between(start, report.sampledAt()))
                                    + " (now " + number(report.cpuPct()) + " %)")));
        }
        if (power != null) {
            power.offer(key, report.sampledAt(), report.intervalS(), report.powerW()).ifPresent(start ->
                    triggers.add(new Trigger(NotifyRule.POWER_OVER, key, start.toString(), start,
                            "power above " + number(rules.powerOver().above()) + " W for "
                                    + seconds(Duration.between(start, report.sampledAt()))
                                    + " (now " + number(report.powerW()) + " W)")));
        }
        return triggers;
    }

    private void forget(ServerId key) {
        states.remove(key);
        offs.remove(key);
        inConflict.remove(key);
        if (cpu != null) {
            cpu.forget(key);
        }
        if (power != null) {
            power.forget(key);
        }
    }

    private static String seconds(Duration duration) {
        return duration.toSeconds() + " s";
    }

    private static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }

    private record Off(Instant since, boolean told) {
    }
}
