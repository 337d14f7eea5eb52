package servmon.agent.simulate;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import servmon.agent.TopicReader;
import servmon.agent.wake.MagicPacket;
import servmon.embedded.EmbeddedKafkaBroker;
import servmon.embedded.TopicRecords;
import servmon.events.AgentControl;
import servmon.events.AgentReply;
import servmon.events.CommandId;
import servmon.events.EventCodec;
import servmon.events.EventSerializer;
import servmon.events.MetricReport;
import servmon.events.NetInterface;
import servmon.events.PowerSource;
import servmon.events.RecordSignature;
import servmon.events.ServerId;
import servmon.events.ServerKey;
import servmon.events.SigningSecret;
import servmon.events.SleepMode;
import servmon.events.TopicProvisioner;
import servmon.events.Topics;

import java.io.OutputStream;
import java.io.PrintStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A small simulated fleet against a real broker; the test plays the ingestor and the wol-service. */
class SimulatedFleetTest {

    private static final Duration BOOT_DELAY = Duration.ofSeconds(2);
    private static String bootstrap;
    private static KafkaProducer<String, AgentControl> control;

    private final List<AutoCloseable> closing = new ArrayList<>();
    /** The keys of the servers this test simulates: the services sign their orders with the secrets of these. */
    private final Map<ServerId, ServerKey> keys = new HashMap<>();

    @BeforeAll
    static void createTopics() {
        bootstrap = EmbeddedKafkaBroker.shared().bootstrapServers();
        TopicProvisioner.ensureTopics(bootstrap, (short) 1);
        control = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new StringSerializer(), new EventSerializer<>());
    }

    @AfterAll
    static void closeProducer() {
        control.close();
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closing.reversed()) {
            c.close();
        }
    }

    @Test
    void every_virtual_server_reports_like_an_agent_with_its_own_key_mac_and_boot_id() throws Exception {
        List<ServerIdentity> servers = identities(5);
        TopicReader<MetricReport> metrics = metrics();
        start(servers, 0);

        List<List<MetricReport>> reports = servers.stream()
                .map(s -> metrics.awaitEvents(s.id(), list -> list.size() >= 3)).toList();

        for (int i = 0; i < servers.size(); i++) {
            List<MetricReport> own = reports.get(i);
            assertThat(own).extracting(MetricReport::seq).startsWith(0L, 1L, 2L);
            assertThat(own).extracting(MetricReport::bootId).containsOnly(own.getFirst().bootId());
            assertThat(own).allSatisfy(report -> {
                assertThat(report.hostname()).startsWith("test-");
                assertThat(report.intervalS()).isEqualTo(1);
                assertThat(report.cpuPct()).isBetween(0.0, 100.0);
                assertThat(report.powerSource()).isEqualTo(PowerSource.ESTIMATE);
                assertThat(report.powerW()).isPositive();
                assertThat(report.userCount()).isNotNegative();
                assertThat(report.memUsedBytes()).isPositive().isLessThan(report.memTotalBytes());
                assertThat(report.uptimeS()).isNotNegative();
                assertThat(report.interfaces()).singleElement().satisfies(nic -> {
                    assertThat(nic.mac()).matches("02:5e(:[0-9a-f]{2}){4}");
                    assertThat(nic.broadcast()).isEqualTo("127.0.0.1");
                    assertThat(nic.ipv4()).startsWith("192.0.2.");
                    assertThat(nic.wolArmed()).isTrue();
                });
            });
            assertThat(own).extracting(MetricReport::serverId).containsOnly(servers.get(i).id());
            assertThat(own.getFirst().hostname()).isEqualTo(servers.get(i).name());
        }
        assertThat(reports).extracting(own -> own.getFirst().bootId()).doesNotHaveDuplicates();
        assertThat(reports).extracting(own -> own.getFirst().interfaces().getFirst().mac()).doesNotHaveDuplicates();
        assertThat(reports).extracting(own -> own.getFirst().interfaces().getFirst().ipv4()).doesNotHaveDuplicates();
        // a tick's reports are spread over the interval, not sent at one instant
        assertThat(reports).extracting(own -> own.get(1).sampledAt()).doesNotHaveDuplicates();
    }

    @Test
    void sleep_order_is_accepted_with_the_last_watts_and_the_server_goes_silent() throws Exception {
        List<ServerIdentity> servers = identities(3);
        TopicReader<MetricReport> metrics = metrics();
        TopicReader<AgentReply> replies = replies();
        start(servers, 0);
        ServerId sleeper = servers.get(1).id();
        metrics.awaitEvents(sleeper, list -> list.size() >= 2);
        CommandId command = CommandId.random();

        order(AgentControl.sleep(sleeper, command, SleepMode.SUSPEND, Instant.now()));

        AgentReply reply = replies.awaitEvents(sleeper, list -> !list.isEmpty()).getFirst();
        assertThat(reply.commandId()).isEqualTo(command);
        assertThat(reply.type()).isEqualTo(AgentControl.Type.SLEEP);
        assertThat(reply.accepted()).isTrue();
        assertThat(metrics.eventsFor(sleeper)).extracting(MetricReport::powerW).contains(reply.powerW());
        // signed as a real agent signs its answers, or the services would refuse it
        assertThat(TopicRecords.of(Topics.AGENT_REPLIES.name(), sleeper.value()))
                .singleElement().satisfies(answer -> assertThat(RecordSignature.isValid(
                SigningSecret.of(servers.get(1).key()), answer.topic(), answer.key(), answer.value(),
                answer.headers())).isTrue());
        // silent from the moment it answered, while its neighbours carry on
        int neighbourReports = metrics.eventsFor(servers.get(0).id()).size();
        await().pollInSameThread().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> metrics.eventsFor(sleeper).stream().noneMatch(r -> r.sampledAt().isAfter(reply.at())));
        assertThat(metrics.eventsFor(servers.get(0).id()).size()).isGreaterThanOrEqualTo(neighbourReports + 2);
    }

    @Test
    void magic_packet_on_loopback_brings_a_sleeper_back_after_the_boot_delay_with_a_new_boot_id() throws Exception {
        List<ServerIdentity> servers = identities(2);
        TopicReader<MetricReport> metrics = metrics();
        TopicReader<AgentReply> replies = replies();
        SimulatedFleet fleet = start(servers, 0);
        ServerId sleeper = servers.get(0).id();
        MetricReport before = metrics.awaitEvents(sleeper, list -> list.size() >= 2).getLast();
        order(AgentControl.sleep(sleeper, CommandId.random(), SleepMode.POWEROFF, Instant.now()));
        replies.awaitEvents(sleeper, list -> !list.isEmpty());
        int reportsAsleep = metrics.eventsFor(sleeper).size();

        Instant sentAt = Instant.now();
        try (DatagramSocket wolService = new DatagramSocket()) {
            byte[] payload = MagicPacket.payload(MagicPacket.parseMac(before.interfaces().getFirst().mac()));
            wolService.send(new DatagramPacket(payload, payload.length, InetAddress.getLoopbackAddress(),
                    fleet.wolPort()));
        }

        List<MetricReport> after = metrics.awaitEvents(sleeper, list -> list.size() > reportsAsleep + 1);
        MetricReport back = after.get(reportsAsleep);
        assertThat(back.seq()).isZero();
        assertThat(back.bootId()).isNotEqualTo(before.bootId());
        assertThat(back.sampledAt()).isAfterOrEqualTo(sentAt.plus(BOOT_DELAY).minusMillis(50));
        assertThat(after.get(reportsAsleep + 1).seq()).isEqualTo(1L);
        assertThat(after.get(reportsAsleep + 1).bootId()).isEqualTo(back.bootId());
    }

    @Test
    void relay_wake_through_an_awake_peer_brings_the_sleeper_back() throws Exception {
        List<ServerIdentity> servers = identities(3);
        TopicReader<MetricReport> metrics = metrics();
        TopicReader<AgentReply> replies = replies();
        start(servers, 0);
        ServerId sleeper = servers.get(0).id();
        ServerId peer = servers.get(2).id();
        MetricReport before = metrics.awaitEvents(sleeper, list -> list.size() >= 2).getLast();
        order(AgentControl.sleep(sleeper, CommandId.random(), SleepMode.SUSPEND, Instant.now()));
        replies.awaitEvents(sleeper, list -> !list.isEmpty());
        int reportsAsleep = metrics.eventsFor(sleeper).size();
        CommandId relay = CommandId.random();

        order(AgentControl.relayWake(peer, relay, before.interfaces().getFirst().mac().toUpperCase(), "127.0.0.1",
                Instant.now()));

        AgentReply reply = replies.awaitEvents(peer, list -> !list.isEmpty()).getFirst();
        assertThat(reply.type()).isEqualTo(AgentControl.Type.RELAY_WAKE);
        assertThat(reply.commandId()).isEqualTo(relay);
        assertThat(reply.accepted()).isTrue();
        MetricReport back = metrics.awaitEvents(sleeper, list -> list.size() > reportsAsleep).get(reportsAsleep);
        assertThat(back.seq()).isZero();
        assertThat(back.bootId()).isNotEqualTo(before.bootId());
    }

    @Test
    void server_with_wake_on_lan_disarmed_refuses_to_sleep_and_keeps_reporting() throws Exception {
        List<ServerIdentity> servers = identities(4);
        TopicReader<MetricReport> metrics = metrics();
        TopicReader<AgentReply> replies = replies();
        start(servers, 2);  // the 2nd and 4th are disarmed
        ServerId disarmed = servers.get(1).id();
        List<MetricReport> reports = metrics.awaitEvents(disarmed, list -> list.size() >= 2);
        assertThat(reports.getFirst().interfaces()).extracting(NetInterface::wolArmed).containsExactly(false);
        assertThat(metrics.awaitEvents(servers.get(0).id(), list -> !list.isEmpty()).getFirst().interfaces())
                .extracting(NetInterface::wolArmed).containsExactly(true);

        order(AgentControl.sleep(disarmed, CommandId.random(), SleepMode.SUSPEND, Instant.now()));

        AgentReply reply = replies.awaitEvents(disarmed, list -> !list.isEmpty()).getFirst();
        assertThat(reply.accepted()).isFalse();
        assertThat(reply.reason()).isEqualTo("Wake-on-LAN is not armed");
        assertThat(reply.powerW()).isNull();
        int count = metrics.eventsFor(disarmed).size();
        metrics.awaitEvents(disarmed, list -> list.size() >= count + 2);
    }

    @Test
    void a_stopped_server_goes_silent_after_the_report_it_names_while_its_neighbours_carry_on() throws Exception {
        List<ServerIdentity> servers = identities(2);
        TopicReader<MetricReport> metrics = metrics();
        SimulatedFleet fleet = start(servers, 0);
        ServerId stopped = servers.get(0).id();
        metrics.awaitEvents(stopped, list -> list.size() >= 2);

        Instant lastReport = fleet.stop(stopped).orElseThrow();

        await().pollInSameThread().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> metrics.eventsFor(stopped).getLast().sampledAt().equals(lastReport));
        int other = metrics.eventsFor(servers.get(1).id()).size();
        metrics.awaitEvents(servers.get(1).id(), list -> list.size() >= other + 2);
    }

    @Test
    void a_key_refused_at_enrollment_stops_that_server_only() throws Exception {
        List<ServerIdentity> servers = identities(2);
        TopicReader<MetricReport> metrics = metrics();
        start(servers, 0);
        ServerId unknown = servers.get(0).id();
        metrics.awaitEvents(unknown, list -> !list.isEmpty());

        Instant refusedAt = Instant.now();
        order(AgentControl.enrollReply(unknown, false, "Unknown server key", refusedAt));

        // (a report sampled while the order was on its way may still arrive: a loaded machine can delay the order)
        await().pollInSameThread().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(30))
                .until(() -> metrics.eventsFor(unknown).stream()
                        .noneMatch(r -> r.sampledAt().isAfter(refusedAt.plusSeconds(5))));
        int other = metrics.eventsFor(servers.get(1).id()).size();
        metrics.awaitEvents(servers.get(1).id(), list -> list.size() >= other + 2);
    }

    @Test
    void forged_and_unsigned_sleep_orders_are_ignored_and_counted_and_the_server_keeps_reporting() throws Exception {
        List<ServerIdentity> servers = identities(2);
        TopicReader<MetricReport> metrics = metrics();
        TopicReader<AgentReply> replies = replies();
        SimulatedFleet fleet = start(servers, 0);
        ServerId target = servers.get(0).id();
        metrics.awaitEvents(target, list -> !list.isEmpty());

        // unsigned, and signed with its neighbour's key: what a client without this server's key can send
        send(AgentControl.sleep(target, CommandId.random(), SleepMode.SUSPEND, Instant.now()), null);
        send(AgentControl.sleep(target, CommandId.random(), SleepMode.POWEROFF, Instant.now()),
                SigningSecret.of(servers.get(1).key()));

        await().atMost(Duration.ofSeconds(10)).until(() -> fleet.forgedOrders() == 2);
        int reports = metrics.eventsFor(target).size();
        metrics.awaitEvents(target, list -> list.size() >= reports + 2);
        assertThat(replies.eventsFor(target)).as("no answer to a forged order").isEmpty();
        // and a signed order still goes through
        order(AgentControl.sleep(target, CommandId.random(), SleepMode.SUSPEND, Instant.now()));
        assertThat(replies.awaitEvents(target, list -> !list.isEmpty())).singleElement()
                .satisfies(reply -> assertThat(reply.accepted()).isTrue());
        assertThat(fleet.forgedOrders()).isEqualTo(2);
    }

    @Test
    void a_server_removed_from_servmon_is_no_longer_simulated_and_a_forged_removal_is_ignored() throws Exception {
        List<ServerIdentity> servers = identities(2);
        TopicReader<MetricReport> metrics = metrics();
        SimulatedFleet fleet = start(servers, 0);
        ServerId removed = servers.get(0).id();
        ServerId neighbour = servers.get(1).id();
        metrics.awaitEvents(removed, list -> !list.isEmpty());

        send(AgentControl.removed(neighbour, "forged", Instant.now()), null);
        send(AgentControl.removed(neighbour, "forged", Instant.now()), SigningSecret.of(servers.get(0).key()));
        Instant removedAt = Instant.now();
        order(AgentControl.removed(removed, "server test-0001 was removed from servmon", removedAt));

        await().atMost(Duration.ofSeconds(10)).until(() -> !fleet.simulates(removed) && fleet.forgedOrders() == 2);
        Instant stopped = Instant.now();  // no report is sampled for it from here on
        await().pollInSameThread().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(30))
                .until(() -> metrics.eventsFor(removed).stream().noneMatch(r -> r.sampledAt().isAfter(stopped)));
        assertThat(fleet.simulates(neighbour)).as("a forged removal is ignored").isTrue();
        int other = metrics.eventsFor(neighbour).size();
        metrics.awaitEvents(neighbour, list -> list.size() >= other + 2);
    }

    private SimulatedFleet start(List<ServerIdentity> servers, int disarmedEvery) throws Exception {
        SimulatedFleet fleet = SimulatedFleet.start(new SimulationConfig(bootstrap, servers, Duration.ofSeconds(1),
                LoadCurve.builtInDaily(), BOOT_DELAY, 0, disarmedEvery, Duration.ZERO, null),
                new PrintStream(OutputStream.nullOutputStream()));
        closing.add(fleet);
        return fleet;
    }

    private TopicReader<MetricReport> metrics() {
        TopicReader<MetricReport> reader = new TopicReader<>(bootstrap, Topics.METRICS, MetricReport.class);
        closing.add(reader);
        return reader;
    }

    private TopicReader<AgentReply> replies() {
        TopicReader<AgentReply> reader = new TopicReader<>(bootstrap, Topics.AGENT_REPLIES, AgentReply.class);
        closing.add(reader);
        return reader;
    }

    private List<ServerIdentity> identities(int count) {
        List<ServerIdentity> identities = IntStream.rangeClosed(1, count)
                .mapToObj(i -> new ServerIdentity(SimulateCommand.name("test", i), ServerKey.random())).toList();
        identities.forEach(identity -> keys.put(identity.id(), identity.key()));
        return identities;
    }

    /** An order signed as the services sign it, with the secret of the server's key. */
    private void order(AgentControl order) throws Exception {
        send(order, SigningSecret.of(keys.get(order.serverId())));
    }

    /** {@code signer} null: unsigned. */
    private static void send(AgentControl order, SigningSecret signer) throws Exception {
        var record = new ProducerRecord<>(Topics.AGENT_CONTROL.name(), order.serverId().value(), order);
        if (signer != null) {
            RecordSignature.sign(signer, record.topic(), record.key(), EventCodec.encode(order), record.headers());
        }
        control.send(record).get();
    }
}
