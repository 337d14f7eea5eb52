package servmon.bench.power;

import servmon.agent.wake.MagicPacket;
import servmon.bench.power.PowerBenchSystem.BenchServer;
import servmon.events.CommandId;
import servmon.events.MetricReport;
import servmon.events.NetInterface;
import servmon.events.PowerSource;
import servmon.events.ServerState;
import servmon.events.ServerId;
import servmon.events.ServmonEvent;
import servmon.events.Topics;
import servmon.events.WakeCommand;
import servmon.events.WakeStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Wake command published (plain kafka-clients, as any system may) → first magic packet received on 127.0.0.1, the
 * system's only wol destination, which timestamps each packet by MAC. The servers reported once and went OFF, so no
 * wake is REJECTED as ON. Two measures, on separate servers so no wake is merged into one still pending:
 * <ol>
 * <li>one wake at a time: each command published once the previous one's result is back and a pace slot
 *     (1/wakes-per-second) has passed, so no command waits behind another or for the pacer: the latency of a wake;
 * <li>a burst of all commands at once at the default pace: queueing behind the pace is by design; the burst's
 *     duration is printed beside the latencies.
 * </ol>
 * <pre>bench/wake-latency.sh [--commands 1000] [--gap-ms 60]</pre>
 */
public final class WakeLatencyBench {

    private static final double GOAL_P99_MS = 100;
    private static final long MAC_PREFIX = 0x02_BE_00_00_00_00L;  // locally administered, never a real NIC's

    private final PowerBenchSystem system;
    private final FleetWatch watch;
    private final PacketClock packets;

    private WakeLatencyBench(PowerBenchSystem system, FleetWatch watch, PacketClock packets) {
        this.system = system;
        this.watch = watch;
        this.packets = packets;
    }

    public static void main(String[] args) throws Exception {
        int commands = 1000;
        long gapMillis = 60;
        String bufferPool = "512M";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--commands" -> commands = Integer.parseInt(args[++i].replace("_", ""));
                case "--gap-ms" -> gapMillis = Long.parseLong(args[++i]);
                case "--db-buffer-pool" -> bufferPool = args[++i];
                default -> throw new IllegalArgumentException("usage: wake-latency.sh [--commands N] [--gap-ms MS]"
                        + " [--db-buffer-pool SIZE] (unknown " + args[i] + ")");
            }
        }
        BenchConditions.requireLoopbackOnly();
        System.out.println("JVM flags: " + BenchConditions.jvmFlags());
        try (PacketClock packets = new PacketClock();
             PowerBenchSystem system = PowerBenchSystem.start(List.of(packets.port()), bufferPool);
             FleetWatch watch = new FleetWatch(system.kafkaClient())) {
            WakeLatencyBench bench = new WakeLatencyBench(system, watch, packets);
            List<BenchServer> one = bench.offServers("wl-one", commands);
            List<BenchServer> burst = bench.offServers("wl-burst", commands);
            // one wait for both: (b) follows (a) at once, its load printed beside it (the start is not measured)
            BenchConditions.awaitQuietMachine("(a) one wake at a time and (b) a burst");
            bench.oneAtATime(one, gapMillis);
            bench.burst(burst);
            bench.retries();
        }
    }

    /** Registers servers and has each report once (its MAC, no broadcast), then waits until all are OFF. */
    private List<BenchServer> offServers(String prefix, int count) throws Exception {
        List<BenchServer> servers = system.register(prefix, count);
        List<ServerId> keys = servers.stream().map(BenchServer::serverId).toList();
        Instant now = Instant.now();
        for (BenchServer server : servers) {
            NetInterface nic = new NetInterface("eth0", MagicPacket.formatMac(mac(server)), "192.0.2.1", null, true);
            system.publishReport(server, new MetricReport(ServmonEvent.VERSION, server.serverId(), now, 0L, 1,
                    UUID.randomUUID().toString(), server.name(), 5.0, 40.0, PowerSource.ESTIMATE, 0, null, null, null,
                    null, null, null, null, null, 3600L, List.of(nic)));
        }
        system.flush();
        long started = System.nanoTime();
        if (!FleetWatch.await(() -> watch.countIn(keys, ServerState.OFF) == count, Duration.ofMinutes(3))) {
            throw new IllegalStateException("only " + watch.countIn(keys, ServerState.OFF) + " of " + count + " "
                    + prefix + " servers went OFF");
        }
        System.err.printf("%d %s servers reported once and are OFF (%.1f s)%n", count, prefix,
                (System.nanoTime() - started) / 1e9);
        return servers;
    }

    private void oneAtATime(List<BenchServer> servers, long gapMillis) throws Exception {
        List<Double> latencies = new ArrayList<>();
        Map<WakeStatus, Integer> statuses = new HashMap<>();
        long started = System.nanoTime();
        for (BenchServer server : servers) {
            WakeCommand command = WakeCommand.of(server.serverId(), "bench", "API");
            long publishedAt = System.nanoTime();
            system.publish(Topics.WAKE_COMMANDS, server.serverId(), command);
            boolean answered = FleetWatch.await(() -> !watch.results(command.commandId()).isEmpty(),
                    Duration.ofSeconds(30));
            WakeStatus status = answered ? watch.results(command.commandId()).getFirst().result().status() : null;
            statuses.merge(status == null ? WakeStatus.FAILED : status, 1, Integer::sum);
            Long first = packets.firstAt(mac(server));
            if (first != null) {
                latencies.add((first - publishedAt) / 1e6);
            }
            Thread.sleep(gapMillis);  // wider than the pace slot (50 ms at 20/s): the pacer never holds a command
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Percentiles p = Percentiles.of(latencies);
        System.out.printf(Locale.ROOT, "(a) ONE WAKE AT A TIME — wake command published -> first magic packet: %s"
                        + "  goal p99 <= %.0f ms %s%n    %d commands, each after the previous one's result + %d ms"
                        + " (%.1f s, %.1f commands/s); results %s; packets received for %d%n    %s%n",
                p, GOAL_P99_MS, p.p99() <= GOAL_P99_MS ? "met" : "MISSED", servers.size(), gapMillis, seconds,
                servers.size() / seconds, statuses, latencies.size(), BenchConditions.conditions());
    }

    private void burst(List<BenchServer> servers) throws Exception {
        Map<Long, Long> publishedAt = new HashMap<>();
        List<CommandId> ids = new ArrayList<>();
        long started = System.nanoTime();
        for (BenchServer server : servers) {
            WakeCommand command = WakeCommand.of(server.serverId(), "bench", "API");
            publishedAt.put(mac(server), System.nanoTime());
            system.publish(Topics.WAKE_COMMANDS, server.serverId(), command);
            ids.add(command.commandId());
        }
        system.flush();
        double publishSeconds = (System.nanoTime() - started) / 1e9;
        boolean all = FleetWatch.await(() -> ids.stream().allMatch(id -> !watch.results(id).isEmpty()),
                Duration.ofMinutes(30));
        List<Double> latencies = new ArrayList<>();
        long lastPacket = started;
        for (BenchServer server : servers) {
            Long first = packets.firstAt(mac(server));
            if (first != null) {
                latencies.add((first - publishedAt.get(mac(server))) / 1e6);
                lastPacket = Math.max(lastPacket, first);
            }
        }
        Map<WakeStatus, Integer> statuses = new HashMap<>();
        ids.forEach(id -> watch.results(id).stream().findFirst()
                .ifPresent(seen -> statuses.merge(seen.result().status(), 1, Integer::sum)));
        double burstSeconds = (lastPacket - started) / 1e9;
        System.out.printf(Locale.ROOT, "(b) BURST OF %d AT ONCE, default pace (queueing is by design) — wake command"
                        + " published -> first magic packet: %s%n    published in %.2f s; first packet of the last"
                        + " wake %.1f s after the first command: %.1f wakes/s (pace allows %s/s)%s; results %s%n    %s%n",
                servers.size(), Percentiles.of(latencies), publishSeconds, burstSeconds,
                latencies.size() / burstSeconds, System.getProperty("servmon.wol.wakes-per-second", "20"),
                all ? "" : "; NOT ALL ANSWERED within 30 min", statuses, BenchConditions.conditions());
    }

    /** The retries the wol-service sent meanwhile (none of these servers comes back), and how late they went out. */
    private void retries() {
        Map<CommandId, Instant> sent = new HashMap<>();
        List<FleetWatch.ResultSeen> all = watch.allResults();
        all.stream().filter(seen -> seen.result().status() == WakeStatus.SENT)
                .forEach(seen -> sent.put(seen.result().commandId(), seen.result().at()));
        List<Double> firstRetryAfter = new ArrayList<>();
        all.stream().filter(seen -> seen.result().status() == WakeStatus.RETRIED
                        && seen.result().detail().startsWith("attempt 2"))
                .forEach(seen -> firstRetryAfter.add((double) Duration.between(sent.get(seen.result().commandId()),
                        seen.result().at()).toMillis()));
        long timedOut = all.stream().filter(seen -> seen.result().status() == WakeStatus.TIMED_OUT).count();
        System.out.printf(Locale.ROOT, "meanwhile: %d first retries (due 30,000 ms after SENT), sent after %s;"
                + " %d TIMED_OUT%n    %s%n", firstRetryAfter.size(), Percentiles.of(firstRetryAfter), timedOut,
                BenchConditions.conditions());
    }

    private static long mac(BenchServer server) {
        return MAC_PREFIX | server.id();
    }
}
