package servmon.standalone.simday;

import servmon.agent.power.LinearPowerEstimate;
import servmon.agent.simulate.VirtualHardware;
import servmon.events.ServerId;
import servmon.events.ServerState;
import servmon.events.policy.PolicySettings;
import servmon.events.policy.PowerPolicy;
import servmon.wol.policy.PolicyDecision;
import servmon.wol.policy.PolicyEngine;
import servmon.wol.policy.ServerView;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A day (or several) of a fleet under the production policy engine, on a simulated clock: a discrete-time model
 * in steps of the engine's evaluation interval. Each step, the curve's work is spread evenly over the ON servers of
 * each group (a load-balanced pool), every server draws the agent's power model for its CPU (asleep: a few watts;
 * booting: idle), and the engine decides; a sleep takes effect at once, a wake after the server's boot delay. The
 * same fleet always on is the baseline. Unserved demand counts, per step, the servers the work needed (at the given
 * capacity each) beyond those ON.
 */
final class FleetDaySimulator {

    /** A Monday, so day one of a run is a working day. */
    private static final LocalDate FIRST_DAY = LocalDate.of(2026, 11, 30);

    record Config(int servers, DemandCurve curve, PolicySettings settings, int days, long seed, Duration bootDelay,
                  double capacityPct, double asleepWatts) {
    }

    record Result(double alwaysOnKwh, double policyKwh, int sleeps, int wakes, int dryRunDecisions,
                  double unservedServerMinutes, int minAwake, int maxAwake, List<PolicyDecision> firstDecisions) {

        double savedPct() {
            return alwaysOnKwh == 0 ? 0 : 100 * (alwaysOnKwh - policyKwh) / alwaysOnKwh;
        }
    }

    private static final class Server {
        final ServerId key;
        final String name;
        final String group;
        final LinearPowerEstimate power;
        final Duration bootDelay;
        ServerState state = ServerState.ON;
        long readyAtS;
        Duration measuredWake;
        double cpu;

        Server(ServerId key, String name, String group, LinearPowerEstimate power, Duration bootDelay) {
            this.key = key;
            this.name = name;
            this.group = group;
            this.power = power;
            this.bootDelay = bootDelay;
        }
    }

    private FleetDaySimulator() {
    }

    static Result run(Config config) {
        Random random = new Random(config.seed());
        List<String> groups = config.settings().policies().stream().map(PowerPolicy::group).distinct().toList();
        List<Server> fleet = new ArrayList<>();
        for (int i = 0; i < config.servers(); i++) {
            // the servers are shared out over the policies' groups, as a fleet is split into pools
            String group = groups.isEmpty() ? "fleet" : groups.get(i % groups.size());
            LinearPowerEstimate power = LinearPowerEstimate.forLogicalCpus(
                    VirtualHardware.logicalCpus(random.nextLong()), null, null);
            Duration boot = Duration.ofMillis((long) (config.bootDelay().toMillis() * (0.8 + 0.4 * random.nextDouble())));
            fleet.add(new Server(ServerId.of(String.format("simday-%06d", i)), String.format("sim-%03d", i), group,
                    power, boot));
        }
        Map<String, List<Server>> byGroup = new LinkedHashMap<>();
        fleet.forEach(server -> byGroup.computeIfAbsent(server.group, g -> new ArrayList<>()).add(server));

        PolicyEngine engine = PolicyEngine.of(config.settings());
        long stepS = Math.max(1, config.settings().evaluateEvery().toSeconds());
        double stepHours = stepS / 3600.0;
        Instant start = FIRST_DAY.atStartOfDay(config.settings().zoneId()).toInstant();
        double alwaysOnWh = 0;
        double policyWh = 0;
        double unservedServerSeconds = 0;
        int sleeps = 0;
        int wakes = 0;
        int dryRuns = 0;
        int minAwake = Integer.MAX_VALUE;
        int maxAwake = 0;
        List<PolicyDecision> first = new ArrayList<>();
        for (long t = 0; t < config.days() * 86_400L; t += stepS) {
            for (Server server : fleet) {
                if (server.state == ServerState.WAKING && server.readyAtS <= t) {
                    server.state = ServerState.ON;
                    server.measuredWake = server.bootDelay;
                }
            }
            double secondOfDay = t % 86_400;
            int awake = 0;
            for (List<Server> members : byGroup.values()) {
                double work = config.curve().workAt(secondOfDay, config.servers(), config.capacityPct())
                        * members.size() / config.servers();
                List<Server> on = members.stream().filter(s -> s.state == ServerState.ON).toList();
                double each = on.isEmpty() ? 0 : Math.min(100, work / on.size());
                double needed = Math.ceil(work / config.capacityPct() - 1e-9);
                unservedServerSeconds += Math.max(0, needed - on.size()) * stepS;
                double alwaysOnEach = Math.min(100, work / members.size());
                for (Server server : members) {
                    alwaysOnWh += server.power.watts(alwaysOnEach) * stepHours;
                    server.cpu = server.state == ServerState.ON ? each : 0;
                    policyWh += switch (server.state) {
                        case ON -> server.power.watts(each);
                        case WAKING -> server.power.watts(0);
                        default -> config.asleepWatts();
                    } * stepHours;
                }
                awake += on.size();
            }
            minAwake = Math.min(minAwake, awake);
            maxAwake = Math.max(maxAwake, awake);

            Instant now = start.plusSeconds(t);
            List<ServerView> views = fleet.stream().map(s -> new ServerView(s.key, s.name, s.group, s.state,
                    s.state == ServerState.ON ? s.cpu : null, s.state == ServerState.ON ? 0 : null, s.measuredWake,
                    true)).toList();
            Map<ServerId, Server> byKey = new LinkedHashMap<>();
            fleet.forEach(s -> byKey.put(s.key, s));
            for (PolicyDecision decision : engine.decide(now, views)) {
                if (first.size() < 5) {
                    first.add(decision);
                }
                if (decision.dryRun()) {
                    dryRuns++;
                    continue;
                }
                Server server = byKey.get(decision.server());
                if (decision.action() == PolicyDecision.Action.SLEEP && server.state == ServerState.ON) {
                    server.state = ServerState.ASLEEP;
                    sleeps++;
                } else if (decision.action() == PolicyDecision.Action.WAKE && server.state == ServerState.ASLEEP) {
                    server.state = ServerState.WAKING;
                    server.readyAtS = t + server.bootDelay.toSeconds();
                    wakes++;
                }
            }
        }
        return new Result(alwaysOnWh / 1000, policyWh / 1000, sleeps, wakes, dryRuns, unservedServerSeconds / 60,
                minAwake, maxAwake, first);
    }
}
