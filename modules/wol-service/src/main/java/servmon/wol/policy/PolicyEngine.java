package servmon.wol.policy;

import servmon.events.ServerId;
import servmon.events.ServerState;
import servmon.events.policy.PolicySettings;
import servmon.events.policy.PowerPolicy;
import servmon.events.policy.ScheduleWindow;
import servmon.wol.policy.PolicyDecision.Action;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Decides which servers to put to sleep and which to wake, one group per policy, from what the fleet looks like now.
 * Pure apart from the memory it keeps between calls (how long each server has been idle, the orders still in flight,
 * the sleeps of the last minute), and fed its time by the caller: the wol-service calls it on the wall clock, the
 * fleet-day simulator on a simulated one, with the same code.
 *
 * <p>Per group, in this order: a schedule window that is on (or starts within a server's wake time) wakes the
 * sleeping servers; else too few awake servers (the spares) wakes one, or a busy group wakes as many as bring its
 * average CPU under the threshold (those already waking count); else,
 * outside the windows, idle servers are put to sleep, the longest idle first, keeping the spares, within the rate,
 * and never so many that the rest would be busy enough to need a wake.
 */
public final class PolicyEngine {

    private final List<PowerPolicy> policies;
    private final Map<String, List<ScheduleWindow>> windows = new HashMap<>();
    private final ZoneId zone;
    private final Duration defaultWakeTime;
    private final Duration orderTimeout;
    private final Map<ServerId, Instant> idleSince = new HashMap<>();
    private final Map<ServerId, PolicyDecision> inFlight = new HashMap<>();
    private final Map<String, Deque<Instant>> recentSleeps = new HashMap<>();
    private final Set<String> dryRunStanding = new HashSet<>();

    /**
     * @param zone            where the schedules' times of day are
     * @param defaultWakeTime how far ahead of a window to wake a server whose wake was never measured
     * @param orderTimeout    how long an order may take to show in the server's state before it is decided again
     */
    public PolicyEngine(List<PowerPolicy> policies, ZoneId zone, Duration defaultWakeTime, Duration orderTimeout) {
        this.policies = List.copyOf(policies);
        policies.forEach(policy -> windows.put(policy.name(), policy.windows()));
        this.zone = zone;
        this.defaultWakeTime = defaultWakeTime;
        this.orderTimeout = orderTimeout;
    }

    /** An engine for the settings' policies, with nothing remembered yet. */
    public static PolicyEngine of(PolicySettings settings) {
        return new PolicyEngine(settings.policies(), settings.zoneId(), settings.defaultWakeTime(),
                settings.orderTimeout());
    }

    public List<PowerPolicy> policies() {
        return policies;
    }

    public List<PolicyDecision> decide(Instant now, List<ServerView> fleet) {
        forgetSettledOrders(now, fleet);
        List<PolicyDecision> decisions = new ArrayList<>();
        Set<String> standing = new HashSet<>();
        for (PowerPolicy policy : policies) {
            List<ServerView> members = fleet.stream().filter(s -> policy.group().equals(s.group())).toList();
            trackIdleness(policy, members, now);
            for (PolicyDecision decision : decideGroup(policy, members, now)) {
                if (decision.dryRun()) {
                    // a dry run changes nothing, so it would decide the same each time: report each once
                    String id = decision.server().value() + decision.action();
                    standing.add(id);
                    if (!dryRunStanding.contains(id)) {
                        decisions.add(decision);
                    }
                } else {
                    inFlight.put(decision.server(), decision);
                    if (decision.action() == Action.SLEEP) {
                        recentSleeps.computeIfAbsent(policy.name(), p -> new ArrayDeque<>()).addLast(now);
                    }
                    decisions.add(decision);
                }
            }
        }
        dryRunStanding.retainAll(standing);
        dryRunStanding.addAll(standing);
        return decisions;
    }

    private List<PolicyDecision> decideGroup(PowerPolicy policy, List<ServerView> members, Instant now) {
        List<ServerView> free = members.stream().filter(s -> !inFlight.containsKey(s.key())).toList();
        List<ServerView> on = members.stream().filter(s -> s.state() == ServerState.ON && !ordered(s, Action.SLEEP))
                .toList();
        long awake = members.stream().filter(s -> s.state() == ServerState.WAKING || ordered(s, Action.WAKE)
                || (s.state() == ServerState.ON && !ordered(s, Action.SLEEP))).count();
        List<ServerView> asleep = free.stream().filter(s -> s.state() == ServerState.ASLEEP).toList();
        ZonedDateTime local = now.atZone(zone);
        List<ScheduleWindow> windows = this.windows.get(policy.name());

        List<PolicyDecision> wakes = new ArrayList<>();
        for (ServerView server : asleep) {
            Duration lead = server.wakeTime() != null ? server.wakeTime() : defaultWakeTime;
            for (ScheduleWindow window : windows) {
                if (window.contains(local)) {
                    wakes.add(decision(now, policy, server, Action.WAKE, "schedule " + window + " is on"));
                    break;
                }
                if (window.startsWithin(local, lead)) {
                    wakes.add(decision(now, policy, server, Action.WAKE, "schedule " + window + " starts at "
                            + window.from() + "; waking takes about " + lead.toSeconds() + " s"));
                    break;
                }
            }
        }
        if (!wakes.isEmpty()) {
            return wakes;
        }
        long waking = members.stream().filter(s -> s.state() == ServerState.WAKING || ordered(s, Action.WAKE))
                .count();
        if (!asleep.isEmpty()) {
            if (awake < policy.keepAwake()) {
                return List.of(decision(now, policy, asleep.getFirst(), Action.WAKE, awake + " awake in group "
                        + policy.group() + ", " + policy.keepAwake() + " wanted"));
            }
            double load = load(on);
            if (policy.demandWake() != null && !on.isEmpty()
                    && load / on.size() > policy.demandWake().avgCpuAbovePct()) {
                // as many as bring the average under the threshold, counting those already on their way up: a
                // burst is met in one boot time, and no wake is ordered twice
                long wanted = (long) Math.ceil(load / policy.demandWake().avgCpuAbovePct()) - on.size() - waking;
                String why = String.format(Locale.ROOT, "group %s averages %.0f %% CPU over %d awake (above %.0f %%)",
                        policy.group(), load / on.size(), on.size(), policy.demandWake().avgCpuAbovePct());
                return asleep.stream().limit(Math.max(0, wanted))
                        .map(server -> decision(now, policy, server, Action.WAKE, why)).toList();
            }
        }
        // nothing sleeps in a window, nor so shortly before one that it could not be back in time
        Duration longestWake = members.stream().map(ServerView::wakeTime).filter(Objects::nonNull)
                .max(Comparator.naturalOrder()).filter(d -> d.compareTo(defaultWakeTime) > 0).orElse(defaultWakeTime);
        if (windows.stream().anyMatch(w -> w.contains(local) || w.startsWithin(local, longestWake))
                || (policy.idleSleep() == null && windows.isEmpty())) {
            return List.of();
        }
        // the load of every ON server, also of those ordered to sleep: it moves to the others
        double busy = load(members.stream().filter(s -> s.state() == ServerState.ON).toList());
        return sleeps(policy, on, awake, busy, now);
    }

    private List<PolicyDecision> sleeps(PowerPolicy policy, List<ServerView> on, long awake, double busy,
                                        Instant now) {
        Deque<Instant> sleptLately = recentSleeps.computeIfAbsent(policy.name(), p -> new ArrayDeque<>());
        while (!sleptLately.isEmpty() && !sleptLately.peekFirst().isAfter(now.minus(Duration.ofMinutes(1)))) {
            sleptLately.removeFirst();
        }
        int rate = policy.idleSleep() == null ? Integer.MAX_VALUE : policy.idleSleep().maxPerMinute();
        List<ServerView> candidates = on.stream()
                .filter(s -> !inFlight.containsKey(s.key()) && s.sleepable() && idleEnough(policy, s, now))
                .sorted(Comparator.comparing((ServerView s) -> idleSince.getOrDefault(s.key(), now))
                        .thenComparing(s -> s.key().value()))
                .toList();
        double ceiling = policy.demandWake() != null ? policy.demandWake().avgCpuAbovePct() : 100;
        List<PolicyDecision> sleeps = new ArrayList<>();
        long stillAwake = awake;
        int stillOn = on.size();
        for (ServerView server : candidates) {
            if (stillAwake <= policy.keepAwake() || sleptLately.size() + sleeps.size() >= rate) {
                break;
            }
            // their load moves to the others: stop before that makes the group busy enough to wake one again
            if (stillOn > 1 && busy / (stillOn - 1) >= ceiling) {
                break;
            }
            stillAwake--;
            stillOn--;
            sleeps.add(decision(now, policy, server, Action.SLEEP, reasonToSleep(policy, server, now,
                    stillAwake)));
        }
        return sleeps;
    }

    private String reasonToSleep(PowerPolicy policy, ServerView server, Instant now, long awakeAfter) {
        String spares = awakeAfter + (awakeAfter == 1 ? " stays" : " stay") + " awake in group " + policy.group();
        if (policy.idleSleep() == null) {
            return "outside its schedule, nobody logged in; " + spares;
        }
        Duration idle = Duration.between(idleSince.getOrDefault(server.key(), now), now);
        String idleFor = idle.toMinutes() >= 1 ? idle.toMinutes() + " min" : idle.toSeconds() + " s";
        return String.format(Locale.ROOT, "idle %s under %.0f %% CPU, nobody logged in; %s", idleFor,
                policy.idleSleep().cpuBelowPct(), spares);
    }

    private boolean idleEnough(PowerPolicy policy, ServerView server, Instant now) {
        if (server.users() == null || server.users() > 0) {
            return false;  // never end somebody's session
        }
        if (policy.idleSleep() == null) {
            return true;   // a schedule alone: asleep outside its windows
        }
        Instant since = idleSince.get(server.key());
        return since != null && !since.plus(policy.idleSleep().idleFor()).isAfter(now);
    }

    private void trackIdleness(PowerPolicy policy, List<ServerView> members, Instant now) {
        for (ServerView server : members) {
            boolean idle = server.state() == ServerState.ON && server.cpuPct() != null && server.users() != null
                    && server.users() == 0 && policy.idleSleep() != null
                    && server.cpuPct() < policy.idleSleep().cpuBelowPct();
            if (idle) {
                idleSince.putIfAbsent(server.key(), now);
            } else {
                idleSince.remove(server.key());
            }
        }
    }

    /** An order is settled once the state shows it, or given up after the timeout (then decided afresh). */
    private void forgetSettledOrders(Instant now, List<ServerView> fleet) {
        Map<ServerId, ServerState> states = new HashMap<>();
        fleet.forEach(s -> states.put(s.key(), s.state()));
        inFlight.values().removeIf(order -> {
            ServerState state = states.get(order.server());
            boolean shows = order.action() == Action.SLEEP ? state != ServerState.ON : state == ServerState.ON;
            return state == null || shows || order.at().plus(orderTimeout).isBefore(now);
        });
    }

    private boolean ordered(ServerView server, Action action) {
        PolicyDecision order = inFlight.get(server.key());
        return order != null && order.action() == action;
    }

    /** The servers' CPU added up, in percent of one server; an unknown load counts as none. */
    private static double load(List<ServerView> servers) {
        return servers.stream().mapToDouble(s -> Objects.requireNonNullElse(s.cpuPct(), 0.0)).sum();
    }

    private static PolicyDecision decision(Instant now, PowerPolicy policy, ServerView server, Action action,
                                           String reason) {
        return new PolicyDecision(now, policy.name(), server.key(), server.name(), action, reason, policy.dryRun());
    }
}
