package servmon.agent.simulate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import servmon.agent.wake.MagicPacket;
import servmon.agent.wake.WakeSender;
import servmon.events.AgentControl;
import servmon.events.AgentReply;
import servmon.events.EventCodec;
import servmon.events.MetricReport;
import servmon.events.RecordSignature;
import servmon.events.ServerId;
import servmon.events.ServmonEvent;
import servmon.events.Topics;

import java.io.IOException;
import java.io.PrintStream;
import java.net.SocketException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Many virtual servers in one process, reporting like real agents and obeying real control messages: the load
 * generator of the benchmarks and the fleet of the power tests.
 *
 * <p>Hot path, written for 10,000 servers at 1 s on two cores: one producer for everyone (lingering, batching, lz4),
 * one scheduler thread that walks the fleet in {@value #SLOT_MILLIS} ms slots so that a tick's reports are spread
 * over the interval instead of leaving at once, keys encoded once per server, one shared send callback.
 */
public final class SimulatedFleet implements AutoCloseable {

    static final long SLOT_MILLIS = 10;
    private static final Logger log = LoggerFactory.getLogger(SimulatedFleet.class);
    private static final long MAC_PREFIX = 0x02_5E_00_00_00_00L;  // 02: locally administered, unicast

    private final SimulationConfig config;
    private final List<VirtualServer> servers;
    private final Map<String, VirtualServer> byKey;
    private final Map<Long, VirtualServer> byMac;
    private final KafkaProducer<byte[], byte[]> producer;
    private final FleetControlListener controlListener;
    private final MagicPacketListener packetListener;
    private final ScheduledExecutorService scheduler;
    private final WakeSender wakeSender = new WakeSender();
    private final ZoneRules zone = ZoneId.systemDefault().getRules();
    private final int slots;
    private final long bootDelayNanos;
    private final PrintStream out;

    // scheduler thread only
    private final SplittableRandom random = new SplittableRandom();
    private long tick;
    private double lastCpuSeconds = -1;
    private long lastStatsNanos;
    private long lastSent;

    private final LongAdder sent = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final AtomicInteger refusedAtEnrollment = new AtomicInteger();
    private final Callback sendCallback = new Callback() {
        private volatile boolean failureLogged;

        @Override
        public void onCompletion(RecordMetadata metadata, Exception exception) {
            if (exception == null) {
                sent.increment();
            } else {
                failed.increment();
                if (!failureLogged) {
                    failureLogged = true;
                    log.warn("Reports are not being delivered: {} (logged once)", exception.toString());
                }
            }
        }
    };

    private SimulatedFleet(SimulationConfig config, PrintStream out) throws SocketException {
        this.config = config;
        this.out = out;
        long now = System.nanoTime();
        List<VirtualServer> fleet = new ArrayList<>(config.servers().size());
        Map<String, VirtualServer> keys = new HashMap<>();
        Map<Long, VirtualServer> macs = new HashMap<>();
        for (int i = 0; i < config.servers().size(); i++) {
            ServerIdentity identity = config.servers().get(i);
            if (keys.containsKey(identity.key().value())) {
                throw new IllegalArgumentException("the key of " + identity.name() + " is given twice");
            }
            long mac = MAC_PREFIX | (identity.key().value().hashCode() & 0xFFFF_FFFFL);
            while (macs.containsKey(mac)) {  // two keys with one hash: the next free MAC keeps MACs unique
                mac = MAC_PREFIX | ((mac + 1) & 0xFFFF_FFFFL);
            }
            boolean armed = config.wolDisarmedEvery() == 0 || (i + 1) % config.wolDisarmedEvery() != 0;
            VirtualServer server = new VirtualServer(i, identity, mac, armed, now);
            fleet.add(server);
            keys.put(server.id.value(), server);
            macs.put(mac, server);
        }
        this.servers = Collections.unmodifiableList(fleet);
        this.byKey = Map.copyOf(keys);
        this.byMac = Map.copyOf(macs);
        this.slots = (int) Math.max(1, config.interval().toMillis() / SLOT_MILLIS);
        this.bootDelayNanos = config.bootDelay().toNanos();
        this.producer = new KafkaProducer<>(producerProperties(config), new ByteArraySerializer(),
                new ByteArraySerializer());
        this.packetListener = new MagicPacketListener(config.wolPort(), this::onMagicPacket);
        this.controlListener = new FleetControlListener(new KafkaConsumer<>(consumerProperties(config),
                new StringDeserializer(), new ByteArrayDeserializer()), byKey, this::onControl);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("servmon-simulate-reports").factory());
    }

    /**
     * Starts the fleet: listeners first, then the reports, so that no answer to a first report can be missed.
     * Blocks until the control topic is there.
     *
     * @param out where the footprint line goes every {@link SimulationConfig#statsEvery()}
     * @throws SocketException when the magic-packet port is taken
     */
    public static SimulatedFleet start(SimulationConfig config, PrintStream out)
            throws SocketException, InterruptedException {
        SimulatedFleet fleet = new SimulatedFleet(config, out);
        fleet.packetListener.start();
        fleet.controlListener.start();
        while (!fleet.controlListener.awaitListening(Duration.ofSeconds(1))) {
            // FleetControlListener logs the wait once
        }
        long slotNanos = TimeUnit.MILLISECONDS.toNanos(SLOT_MILLIS);
        fleet.scheduler.scheduleAtFixedRate(fleet::reportSlot, 0, slotNanos, TimeUnit.NANOSECONDS);
        if (config.statsEvery().isPositive()) {
            fleet.lastCpuSeconds = ProcessFootprint.cpuSeconds();
            fleet.lastStatsNanos = System.nanoTime();
            long every = config.statsEvery().toNanos();
            fleet.scheduler.scheduleAtFixedRate(fleet::printStats, every, every, TimeUnit.NANOSECONDS);
        }
        log.info("Simulating {} servers every {} s on Kafka {}; magic packets on 127.0.0.1:{}", fleet.servers.size(),
                config.intervalSeconds(), config.bootstrapServers(), fleet.packetListener.port());
        return fleet;
    }

    /** The UDP port on 127.0.0.1 where magic packets wake this fleet's servers. */
    public int wolPort() {
        return packetListener.port();
    }

    /**
     * Silences one server as a crash or a pulled plug would, with no sleep order: it never reports again and ignores
     * orders and magic packets. For measuring how soon servmon calls a silent server OFF.
     *
     * @return when its last report was sampled (empty if it never reported)
     * @throws IllegalArgumentException if the key is not in this fleet
     */
    public Optional<Instant> stop(ServerId id) {
        VirtualServer server = byKey.get(id.value());
        if (server == null) {
            throw new IllegalArgumentException("server " + id + " is not in this fleet");
        }
        return Optional.ofNullable(server.stop());
    }

    /** Whether the server is still simulated: false once servmon said it was removed (a signed REMOVED order). */
    public boolean simulates(ServerId id) {
        VirtualServer server = byKey.get(id.value());
        return server != null && server.state() != VirtualServer.State.REMOVED;
    }

    /** Orders ignored because they were not signed with their server's key (forged, or another installation's). */
    public long forgedOrders() {
        return controlListener.forgedOrders();
    }

    /** One slot of the interval: every server whose index falls in it reports. */
    private void reportSlot() {
        try {
            int slot = (int) (tick++ % slots);
            long nowNanos = System.nanoTime();
            Instant at = Instant.now();  // one instant for the slot's reports: they are within 10 ms anyway
            double secondOfDay = Math.floorMod(at.getEpochSecond() + zone.getOffset(at).getTotalSeconds(),
                    LoadCurve.SECONDS_PER_DAY) + at.getNano() / 1e9;
            for (int i = slot; i < servers.size(); i += slots) {
                VirtualServer server = servers.get(i);
                double curveCpu = config.curve().cpuAt(secondOfDay + server.phaseSeconds());
                MetricReport report = server.nextReport(at, nowNanos, curveCpu, random.nextDouble(-1, 1),
                        config.intervalSeconds());
                if (report != null) {
                    send(Topics.METRICS.name(), server, EventCodec.encode(report), sendCallback);
                }
            }
        } catch (RuntimeException e) {
            // escaping would cancel the schedule and silence the whole fleet
            log.warn("Report slot failed: {}", e.toString(), e);
        }
    }

    private void send(String topic, VirtualServer server, byte[] value, Callback callback) {
        try {
            // signed like a real agent's records, so the services accept the fleet's reports
            ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, server.keyBytes, value);
            RecordSignature.sign(server.secret, topic, server.keyBytes, value, record.headers());
            producer.send(record, callback);
        } catch (KafkaException e) {
            failed.increment();
        }
    }

    /** On the control listener's thread. A server that is not up does not hear its orders, as a real one would not. */
    private void onControl(VirtualServer server, AgentControl control) {
        switch (control.type()) {
            case ENROLL_REPLY -> {
                if (Boolean.FALSE.equals(control.accepted()) && server.refused()) {
                    if (refusedAtEnrollment.getAndIncrement() == 0) {
                        log.warn("The server refused key {} ({}): it stops reporting. Register the fleet with"
                                + " --register or pass registered keys with --keys", server.id(), control.message());
                    }
                }
            }
            case SLEEP -> sleep(server, control);
            case RELAY_WAKE -> relayWake(server, control);
            case REMOVED -> {
                if (server.removed()) {
                    log.info("{} ({}) was removed from servmon ({}): no longer simulated", server.identity.name(),
                            server.id(), control.message());
                }
            }
        }
    }

    private void sleep(VirtualServer server, AgentControl order) {
        double watts = server.lastPowerW();
        switch (server.sleep()) {
            case ACCEPTED -> {
                reply(server, order, true, null, Double.isNaN(watts) ? null : watts);
                log.info("{} ({}) went to sleep ({}) on order {}", server.identity.name(), server.id(), order.mode(),
                        order.commandId());
            }
            case NOT_ARMED -> reply(server, order, false, "Wake-on-LAN is not armed", null);
            case NOT_AWAKE -> log.debug("{} is not up: sleep order {} unheard", server.identity.name(),
                    order.commandId());
        }
    }

    private void relayWake(VirtualServer relay, AgentControl order) {
        if (relay.state() != VirtualServer.State.AWAKE) {
            log.debug("{} is not up: relay order {} unheard", relay.identity.name(), order.commandId());
            return;
        }
        long mac;
        try {
            mac = MagicPacket.parseMac(order.targetMac());
        } catch (IllegalArgumentException e) {
            reply(relay, order, false, e.getMessage(), null);
            return;
        }
        VirtualServer target = byMac.get(mac);
        if (target != null) {
            // the packet would reach a neighbour on the same simulated subnet: deliver it without the network
            wake(target, "relayed by " + relay.identity.name());
        } else {
            try {
                // not one of ours: a real packet, but only ever to our own loopback port, never to a network
                wakeSender.send(mac, "127.0.0.1", wolPort());
            } catch (IOException | IllegalArgumentException e) {
                reply(relay, order, false, e.getMessage(), null);
                return;
            }
        }
        reply(relay, order, true, null, null);
    }

    private void onMagicPacket(long mac) {
        VirtualServer server = byMac.get(mac);
        if (server != null) {
            wake(server, "magic packet");
        } else {
            log.debug("Magic packet for {}: not in this fleet", MagicPacket.formatMac(mac));
        }
    }

    private void wake(VirtualServer server, String how) {
        if (server.wake(System.nanoTime(), bootDelayNanos)) {
            log.info("{} ({}) woken by {}: back in {} s with a new boot id", server.identity.name(), server.id(), how,
                    config.bootDelay().toSeconds());
        }
    }

    private void reply(VirtualServer server, AgentControl order, boolean accepted, String reason, Double powerW) {
        AgentReply reply = new AgentReply(ServmonEvent.VERSION, server.id(), order.commandId(), order.type(),
                accepted, reason, powerW, Instant.now());
        send(Topics.AGENT_REPLIES.name(), server, EventCodec.encode(reply), (metadata, exception) -> {
            if (exception != null) {
                log.warn("Answer to order {} not delivered: {}", order.commandId(), exception.toString());
            }
        });
    }

    private void printStats() {
        long now = System.nanoTime();
        double cpuSeconds = ProcessFootprint.cpuSeconds();
        long rss = ProcessFootprint.residentBytes();
        double wall = (now - lastStatsNanos) / 1e9;
        long sentNow = sent.sum();
        double cpuPct = lastCpuSeconds < 0 || cpuSeconds < 0 ? Double.NaN : 100 * (cpuSeconds - lastCpuSeconds) / wall;
        int[] states = new int[VirtualServer.State.values().length];
        for (VirtualServer server : servers) {
            states[server.state().ordinal()]++;
        }
        int removed = states[VirtualServer.State.REMOVED.ordinal()];
        long forged = controlListener.forgedOrders();
        out.printf("simulate: %d servers (%d up, %d asleep, %d booting, %d refused%s) | %.0f reports/s"
                        + " | CPU %.1f%% of one core | RSS %d MB%s%s%n",
                servers.size(), states[0], states[1], states[2], states[3], removed == 0 ? "" : ", " + removed
                        + " removed", (sentNow - lastSent) / wall, cpuPct, rss < 0 ? -1 : rss >> 20,
                failed.sum() == 0 ? "" : " | " + failed.sum() + " reports failed",
                forged == 0 ? "" : " | " + forged + " forged orders ignored");
        lastCpuSeconds = cpuSeconds;
        lastStatsNanos = now;
        lastSent = sentNow;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        controlListener.close();
        packetListener.close();
        producer.close(Duration.ofSeconds(2));
    }

    private static Map<String, Object> producerProperties(SimulationConfig config) {
        return withClientSettings(config, Map.ofEntries(
                Map.entry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers()),
                Map.entry(ProducerConfig.CLIENT_ID_CONFIG, "servmon-simulate"),
                Map.entry(ProducerConfig.ACKS_CONFIG, "all"),
                Map.entry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                // thousands of reports a second: let them gather into large compressed batches
                Map.entry(ProducerConfig.LINGER_MS_CONFIG, 50),
                Map.entry(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024),
                Map.entry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"),
                Map.entry(ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024),
                Map.entry(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000),
                Map.entry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000),
                Map.entry(ProducerConfig.METRIC_REPORTER_CLASSES_CONFIG, ""),
                Map.entry(ProducerConfig.ENABLE_METRICS_PUSH_CONFIG, false)));
    }

    private static Map<String, Object> consumerProperties(SimulationConfig config) {
        return withClientSettings(config, Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers(),
                ConsumerConfig.CLIENT_ID_CONFIG, "servmon-simulate-control",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                ConsumerConfig.METRIC_REPORTER_CLASSES_CONFIG, "",
                ConsumerConfig.ENABLE_METRICS_PUSH_CONFIG, false));
    }

    /** The settings above plus the operator's (--kafka-config), which win: they know their broker. */
    private static Map<String, Object> withClientSettings(SimulationConfig config, Map<String, Object> ours) {
        Map<String, Object> all = new HashMap<>(ours);
        all.putAll(config.kafkaProperties());
        return all;
    }
}
