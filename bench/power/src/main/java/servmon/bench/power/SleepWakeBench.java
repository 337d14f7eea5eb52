package servmon.bench.power;

import servmon.agent.simulate.LoadCurve;
import servmon.agent.simulate.ServerIdentity;
import servmon.agent.simulate.SimulatedFleet;
import servmon.agent.simulate.SimulationConfig;
import servmon.agent.wake.MagicPacket;
import servmon.bench.power.FleetWatch.ResultSeen;
import servmon.bench.power.FleetWatch.StateSeen;
import servmon.bench.power.PowerBenchSystem.BenchServer;
import servmon.embedded.FreePorts;
import servmon.events.CommandId;
import servmon.events.ServerId;
import servmon.events.ServerState;
import servmon.events.SleepCommand;
import servmon.events.SleepMode;
import servmon.events.Topics;
import servmon.events.WakeCommand;
import servmon.events.WakeStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The power loop on a simulated fleet reporting every second, all states read from the server-state topic with the
 * instant they arrived: 100 servers put to sleep and woken again (wake → CONFIRMED minus the boot delay; lost wakes),
 * then 100 others silenced without a sleep order at known instants (OFF delay after each one's last report; false
 * OFFs of servers that kept reporting). Magic packets go to two loopback destinations: the bench's packet clock and
 * the simulator.
 * <pre>bench/sleep-wake.sh [--servers 1000] [--boot-delay 5] [--sleepers 100] [--stopped 100] [--db-buffer-pool 1G]</pre>
 */
public final class SleepWakeBench {

    private static final Duration INTERVAL = Duration.ofSeconds(1);
    /** The goal: OFF within 2 × interval + 1 s of the last report (the monitor waits 2 × interval + 0.5 s). */
    private static final double OFF_GOAL_MS = 2 * INTERVAL.toMillis() + 1000;
    private static final long STOP_SPACING_MS = 100;

    private final PowerBenchSystem system;
    private final FleetWatch watch;
    private final PacketClock packets;
    private final Duration bootDelay;

    private SleepWakeBench(PowerBenchSystem system, FleetWatch watch, PacketClock packets, Duration bootDelay) {
        this.system = system;
        this.watch = watch;
        this.packets = packets;
        this.bootDelay = bootDelay;
    }

    public static void main(String[] args) throws Exception {
        int servers = 1000;
        int sleepers = 100;
        int stopped = 100;
        Duration bootDelay = Duration.ofSeconds(5);
        String bufferPool = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--servers" -> servers = Integer.parseInt(args[++i].replace("_", "").replace(",", ""));
                case "--sleepers" -> sleepers = Integer.parseInt(args[++i]);
                case "--stopped" -> stopped = Integer.parseInt(args[++i]);
                case "--boot-delay" -> bootDelay = Duration.ofSeconds(Long.parseLong(args[++i].replace("s", "")));
                case "--db-buffer-pool" -> bufferPool = args[++i];
                default -> throw new IllegalArgumentException("usage: sleep-wake.sh [--servers N] [--boot-delay S]"
                        + " [--sleepers N] [--stopped N] [--db-buffer-pool SIZE] (unknown " + args[i] + ")");
            }
        }
        if (sleepers + stopped > servers) {
            throw new IllegalArgumentException("--sleepers + --stopped must not exceed --servers");
        }
        // about 1G of buffer pool per 10,000 servers (docs/database.md)
        bufferPool = bufferPool != null ? bufferPool : servers > 5000 ? "1G" : "512M";
        BenchConditions.requireLoopbackOnly();
        System.out.printf("sleep-wake: %,d simulated servers every %d s, boot delay %d s, %d put to sleep and woken,"
                        + " %d silenced%nJVM flags: %s%n", servers, INTERVAL.toSeconds(), bootDelay.toSeconds(), sleepers,
                stopped, BenchConditions.jvmFlags());
        // our own fleet and services load the machine once started, so the wait is for others' load, before we start
        BenchConditions.awaitQuietMachine("starting servmon and " + servers + " simulated servers");
        int simulatorPort = FreePorts.find();
        try (PacketClock packets = new PacketClock();
             PowerBenchSystem system = PowerBenchSystem.start(List.of(packets.port(), simulatorPort), bufferPool);
             FleetWatch watch = new FleetWatch(system.kafkaClient())) {
            List<BenchServer> fleetServers = system.register("sw", servers);
            List<ServerId> keys = fleetServers.stream().map(BenchServer::serverId).toList();
            List<ServerIdentity> identities = fleetServers.stream()
                    .map(server -> new ServerIdentity(server.name(), server.key())).toList();
            long started = System.nanoTime();
            try (SimulatedFleet fleet = SimulatedFleet.start(new SimulationConfig(system.kafkaBootstrap(), identities,
                    INTERVAL, LoadCurve.builtInDaily(), bootDelay, simulatorPort, 0, Duration.ofSeconds(30),
                    system.agentKafkaProperties()),
                    System.err)) {
                if (!FleetWatch.await(() -> watch.countIn(keys, ServerState.ON) == keys.size(), Duration.ofMinutes(5))) {
                    throw new IllegalStateException("only " + watch.countIn(keys, ServerState.ON) + " of "
                            + keys.size() + " servers turned ON");
                }
                System.out.printf(Locale.ROOT, "all %,d servers ON %.1f s after the fleet started | %s%n", keys.size(),
                        (System.nanoTime() - started) / 1e9, BenchConditions.conditions());
                int upTo = watch.states().size();  // state changes before this are the fleet coming up

                int step = keys.size() / Math.max(sleepers, stopped);
                List<ServerId> sleeping = new ArrayList<>();
                List<ServerId> silenced = new ArrayList<>();
                for (int i = 0; i < Math.max(sleepers, stopped); i++) {
                    if (i < sleepers) {
                        sleeping.add(keys.get(i * step));
                    }
                    if (i < stopped) {
                        silenced.add(keys.get(i * step + step / 2));
                    }
                }
                SleepWakeBench bench = new SleepWakeBench(system, watch, packets, bootDelay);
                bench.sleep(sleeping);
                bench.wake(sleeping);
                bench.silence(fleet, silenced);
                bench.falseOffs(upTo, new HashSet<>(silenced), new HashSet<>(sleeping));
            }
        }
    }

    private void sleep(List<ServerId> sleeping) throws Exception {
        Map<ServerId, Long> orderedAt = new HashMap<>();
        Map<ServerId, CommandId> ids = new HashMap<>();
        for (ServerId key : sleeping) {
            SleepCommand order = SleepCommand.of(key, SleepMode.SUSPEND, false, "bench");
            orderedAt.put(key, System.nanoTime());
            ids.put(key, order.commandId());
            system.publish(Topics.SLEEP_COMMANDS, key, order);
        }
        system.flush();
        boolean all = FleetWatch.await(() -> watch.countIn(sleeping, ServerState.ASLEEP) == sleeping.size(),
                Duration.ofMinutes(2));
        List<Double> toAsleep = new ArrayList<>();
        for (ServerId key : sleeping) {
            firstState(key, ServerState.ASLEEP, 0)
                    .ifPresent(seen -> toAsleep.add((seen.receivedNanos() - orderedAt.get(key)) / 1e6));
        }
        Map<WakeStatus, Integer> steps = new TreeMap<>();
        ids.values().forEach(id -> watch.results(id).forEach(seen -> steps.merge(seen.result().status(), 1, Integer::sum)));
        System.out.printf(Locale.ROOT, "SLEEP: %d orders published -> ASLEEP: %s%s; power log %s%n    %s%n",
                sleeping.size(), Percentiles.of(toAsleep), all ? "" : " — NOT ALL ASLEEP within 2 min (ASLEEP now: "
                        + watch.countIn(sleeping, ServerState.ASLEEP) + ")", steps,
                BenchConditions.conditions());
        Thread.sleep(4_000);  // longer than 2 × 1 s + 0.5 s: asleep on purpose must not turn OFF (counted below)
    }

    private void wake(List<ServerId> sleeping) throws Exception {
        Map<ServerId, Long> mac = new HashMap<>();
        for (ServerId key : sleeping) {
            mac.put(key, MagicPacket.parseMac(watch.latest(key).orElseThrow().interfaces().getFirst().mac()));
        }
        Map<ServerId, Long> publishedAt = new LinkedHashMap<>();
        Map<ServerId, CommandId> ids = new HashMap<>();
        long started = System.nanoTime();
        for (ServerId key : sleeping) {
            WakeCommand command = WakeCommand.of(key, "bench", "API");
            publishedAt.put(key, System.nanoTime());
            ids.put(key, command.commandId());
            system.publish(Topics.WAKE_COMMANDS, key, command);
        }
        system.flush();
        boolean settled = FleetWatch.await(() -> ids.values().stream().allMatch(id ->
                watch.result(id, WakeStatus.CONFIRMED).isPresent() || watch.result(id, WakeStatus.TIMED_OUT).isPresent()),
                Duration.ofMinutes(5));
        double boot = bootDelay.toNanos() / 1e6;
        List<Double> fromCommand = new ArrayList<>();
        List<Double> fromPacket = new ArrayList<>();
        List<String> lost = new ArrayList<>();
        long lastPacket = started;
        Map<WakeStatus, Integer> steps = new TreeMap<>();
        for (ServerId key : sleeping) {
            CommandId id = ids.get(key);
            watch.results(id).forEach(seen -> steps.merge(seen.result().status(), 1, Integer::sum));
            Long packet = packets.firstAt(mac.get(key));
            if (packet != null) {
                lastPacket = Math.max(lastPacket, packet);
            }
            Optional<ResultSeen> confirmed = watch.result(id, WakeStatus.CONFIRMED);
            if (confirmed.isEmpty()) {
                lost.add(key.value() + " " + watch.results(id).stream()
                        .map(seen -> seen.result().status().toString()).toList());
                continue;
            }
            fromCommand.add((confirmed.get().receivedNanos() - publishedAt.get(key)) / 1e6 - boot);
            if (packet != null) {
                fromPacket.add((confirmed.get().receivedNanos() - packet) / 1e6 - boot);
            }
        }
        System.out.printf(Locale.ROOT, "WAKE: %d wake commands at once; minus the %d s boot delay:%n"
                        + "    first magic packet -> CONFIRMED: %s%n"
                        + "    command published  -> CONFIRMED: %s (includes waiting for the pace)%n"
                        + "    packets for all %d out %.1f s after the first command; power log %s%n"
                        + "    LOST WAKES (no CONFIRMED): %d%s%s%n    %s%n",
                sleeping.size(), bootDelay.toSeconds(), Percentiles.of(fromPacket), Percentiles.of(fromCommand),
                sleeping.size(), (lastPacket - started) / 1e9, steps, lost.size(), lost.isEmpty() ? "" : " " + lost,
                settled ? "" : " (not all settled within 5 min)", BenchConditions.conditions());
    }

    /** Silences servers one by one, {@value #STOP_SPACING_MS} ms apart, and times each OFF after its last report. */
    private void silence(SimulatedFleet fleet, List<ServerId> silenced) throws Exception {
        Map<ServerId, Instant> lastReport = new LinkedHashMap<>();
        int from = watch.states().size();
        for (ServerId key : silenced) {
            fleet.stop(key).ifPresent(at -> lastReport.put(key, at));
            Thread.sleep(STOP_SPACING_MS);
        }
        boolean all = FleetWatch.await(() -> watch.countIn(silenced, ServerState.OFF) == silenced.size(),
                Duration.ofMinutes(1));
        List<Double> delays = new ArrayList<>();
        List<Double> published = new ArrayList<>();
        for (ServerId key : silenced) {
            Optional<StateSeen> off = firstState(key, ServerState.OFF, from);
            if (off.isPresent() && lastReport.containsKey(key)) {
                delays.add((double) Duration.between(lastReport.get(key), off.get().receivedAt()).toMillis());
                published.add((double) Duration.between(lastReport.get(key), off.get().publishedAt()).toMillis());
            }
        }
        Percentiles p = Percentiles.of(delays);
        System.out.printf(Locale.ROOT, "OFF: %d servers silenced %d ms apart (no sleep order); last report sampled ->"
                        + " OFF received (committed): %s  goal <= %.0f ms %s%s%n"
                        + "    last report sampled -> OFF published by the monitor (record timestamp): %s%n"
                        + "    (OFF needs more than 2 x interval + 0.5 s of silence after the last report's arrival, so"
                        + " 0.5 s is left for the tick, the check and the commit)%n    %s%n",
                silenced.size(), STOP_SPACING_MS, p, OFF_GOAL_MS, p.max() <= OFF_GOAL_MS ? "met" : "MISSED",
                all ? "" : " — NOT ALL OFF within 1 min", Percentiles.of(published), BenchConditions.conditions());
        Thread.sleep(10_000);  // more time for false OFFs to show
    }

    /** OFF transitions of servers that kept reporting (the sleepers included: asleep is never OFF). */
    private void falseOffs(int from, Set<ServerId> silenced, Set<ServerId> sleepers) {
        List<StateSeen> states = watch.states();
        List<StateSeen> falseOffs = states.subList(from, states.size()).stream()
                .filter(seen -> seen.event().state() == ServerState.OFF)
                .filter(seen -> !silenced.contains(seen.event().serverId()))
                .toList();
        Map<String, Integer> transitions = new TreeMap<>();
        states.subList(from, states.size()).forEach(seen -> transitions.merge(
                seen.event().previous() + "->" + seen.event().state(), 1, Integer::sum));
        long ofSleepers = falseOffs.stream().filter(seen -> sleepers.contains(seen.event().serverId())).count();
        System.out.printf(Locale.ROOT, "FALSE OFFs (OFF of servers that kept reporting or slept): %d (%d of them put"
                        + " to sleep, %d kept reporting)%s%n    every state change since the fleet was up: %s%n    %s%n",
                falseOffs.size(), ofSleepers, falseOffs.size() - ofSleepers, falseOffs.isEmpty() ? "" : " " + falseOffs.stream().limit(5)
                        .map(seen -> seen.event().serverId().value() + " " + seen.event().previous() + "->OFF at "
                                + seen.receivedAt() + " lastSeen " + seen.event().lastSeen()).toList(),
                transitions, BenchConditions.conditions());
    }

    private Optional<StateSeen> firstState(ServerId key, ServerState state, int from) {
        List<StateSeen> states = watch.states();
        return states.subList(from, states.size()).stream()
                .filter(seen -> seen.event().serverId().equals(key) && seen.event().state() == state)
                .findFirst();
    }
}
