package servmon.agent;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import servmon.agent.sampling.Sample;
import servmon.agent.sampling.SampleSource;
import servmon.agent.wake.MagicPacket;
import servmon.agent.wake.WakeSender;
import servmon.embedded.EmbeddedKafkaBroker;
import servmon.embedded.TopicRecords;
import servmon.events.AgentControl;
import servmon.events.AgentReply;
import servmon.events.CommandId;
import servmon.events.EventCodec;
import servmon.events.EventSerializer;
import servmon.events.MetricReport;
import servmon.events.NetInterface;
import servmon.events.RecordSignature;
import servmon.events.ServerId;
import servmon.events.ServerKey;
import servmon.events.SigningSecret;
import servmon.events.SleepMode;
import servmon.events.TopicProvisioner;
import servmon.events.Topics;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The real agent carrying out sleep and relay-wake orders against a real broker. The sleep commands are harmless
 * scripts that write a file, and packets go to 127.0.0.1 only (the module's tests run with
 * {@code servmon.wol.loopbackOnly=true}).
 */
class AgentOrdersKafkaTest {

    private static final Duration ONE_SECOND = Duration.ofSeconds(1);
    private static final String MAC = "02:5e:12:34:56:78";
    private static String bootstrap;
    private static KafkaProducer<String, AgentControl> wolService;

    @TempDir
    Path dir;
    private ServerKey serverKey;

    @BeforeAll
    static void createTopics() {
        bootstrap = EmbeddedKafkaBroker.shared().bootstrapServers();
        TopicProvisioner.ensureTopics(bootstrap, (short) 1);
        wolService = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new StringSerializer(), new EventSerializer<>());
    }

    @AfterAll
    static void closeProducer() {
        wolService.close();
    }

    @Test
    void sleep_order_is_answered_with_the_last_watts_then_the_suspend_command_runs() throws Exception {
        ServerId key = newServer();
        Path ran = dir.resolve("suspended");
        OrderSettings orders = new OrderSettings(List.of("sh", "-c", "echo suspend > " + ran),
                List.of("sh", "-c", "echo poweroff > " + ran), false, 9);
        try (TopicReader<MetricReport> metrics = new TopicReader<>(bootstrap, Topics.METRICS, MetricReport.class);
             TopicReader<AgentReply> replies = new TopicReader<>(bootstrap, Topics.AGENT_REPLIES, AgentReply.class);
             Agent agent = start(key, orders, true)) {
            metrics.awaitEvents(key, reports -> reports.size() >= 2);
            CommandId command = CommandId.random();

            order(AgentControl.sleep(key, command, SleepMode.SUSPEND, Instant.now()));

            AgentReply reply = replies.awaitEvents(key, list -> !list.isEmpty()).getFirst();
            assertThat(reply.commandId()).isEqualTo(command);
            assertThat(reply.type()).isEqualTo(AgentControl.Type.SLEEP);
            assertThat(reply.accepted()).isTrue();
            assertThat(reply.reason()).isNull();
            // the watts of a report it sent: the fake machine's load is fixed, so every report has the same figure
            assertThat(reply.powerW()).isEqualTo(metrics.eventsFor(key).getLast().powerW()).isPositive();
            assertSignedByThisAgent(TopicRecords.of(Topics.AGENT_REPLIES.name(), key.value()));
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(ran) && Files.size(ran) > 0);
            assertThat(Files.readString(ran, StandardCharsets.UTF_8)).isEqualTo("suspend\n");
        }
    }

    @Test
    void forged_sleep_orders_are_ignored_and_the_agent_keeps_reporting() throws Exception {
        ServerId key = newServer();
        Path ran = dir.resolve("suspended");
        OrderSettings orders = new OrderSettings(List.of("sh", "-c", "echo suspend > " + ran),
                List.of("sh", "-c", "echo poweroff > " + ran), false, 9);
        try (TopicReader<MetricReport> metrics = new TopicReader<>(bootstrap, Topics.METRICS, MetricReport.class);
             TopicReader<AgentReply> replies = new TopicReader<>(bootstrap, Topics.AGENT_REPLIES, AgentReply.class);
             Agent agent = start(key, orders, true)) {
            metrics.awaitEvents(key, reports -> !reports.isEmpty());

            // unsigned, and signed with another server's key: what a client without this key can send
            send(AgentControl.sleep(key, CommandId.random(), SleepMode.SUSPEND, Instant.now()), null);
            send(AgentControl.sleep(key, CommandId.random(), SleepMode.POWEROFF, Instant.now()),
                    SigningSecret.of(ServerKey.random()));

            int reports = metrics.eventsFor(key).size();
            metrics.awaitEvents(key, list -> list.size() >= reports + 3);
            assertThat(ran).doesNotExist();
            assertThat(replies.eventsFor(key)).isEmpty();
            assertThat(agent.awaitStopped(Duration.ZERO)).isFalse();
            // and a signed order still goes through
            order(AgentControl.sleep(key, CommandId.random(), SleepMode.SUSPEND, Instant.now()));
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(ran) && Files.size(ran) > 0);
            assertThat(replies.awaitEvents(key, list -> !list.isEmpty())).hasSize(1);
        }
    }

    @Test
    void poweroff_mode_runs_the_poweroff_command() throws Exception {
        ServerId key = newServer();
        Path ran = dir.resolve("off");
        OrderSettings orders = new OrderSettings(List.of("sh", "-c", "echo suspend > " + ran),
                List.of("sh", "-c", "echo poweroff > " + ran), false, 9);
        try (TopicReader<MetricReport> metrics = new TopicReader<>(bootstrap, Topics.METRICS, MetricReport.class);
             Agent agent = start(key, orders, true)) {
            metrics.awaitEvents(key, reports -> !reports.isEmpty());

            order(AgentControl.sleep(key, CommandId.random(), SleepMode.POWEROFF, Instant.now()));

            await().atMost(Duration.ofSeconds(15)).until(() -> Files.exists(ran) && Files.size(ran) > 0);
            assertThat(Files.readString(ran, StandardCharsets.UTF_8)).isEqualTo("poweroff\n");
        }
    }

    @Test
    void sleep_is_refused_when_no_interface_has_wake_on_lan_armed() throws Exception {
        ServerId key = newServer();
        Path ran = dir.resolve("suspended");
        OrderSettings orders = new OrderSettings(List.of("sh", "-c", "echo suspend > " + ran),
                List.of("sh", "-c", "echo poweroff > " + ran), false, 9);
        try (TopicReader<MetricReport> metrics = new TopicReader<>(bootstrap, Topics.METRICS, MetricReport.class);
             TopicReader<AgentReply> replies = new TopicReader<>(bootstrap, Topics.AGENT_REPLIES, AgentReply.class);
             Agent agent = start(key, orders, false)) {
            metrics.awaitEvents(key, reports -> !reports.isEmpty());

            order(AgentControl.sleep(key, CommandId.random(), SleepMode.SUSPEND, Instant.now()));

            AgentReply reply = replies.awaitEvents(key, list -> !list.isEmpty()).getFirst();
            assertThat(reply.accepted()).isFalse();
            assertThat(reply.reason()).startsWith("Wake-on-LAN is not armed");
            assertSignedByThisAgent(TopicRecords.of(Topics.AGENT_REPLIES.name(), key.value()));
            assertThat(reply.powerW()).isNull();
            await().during(Duration.ofMillis(1_500)).atMost(Duration.ofSeconds(15)).until(() -> !Files.exists(ran));
            // and it keeps reporting: it is not going anywhere
            int reports = metrics.eventsFor(key).size();
            metrics.awaitEvents(key, list -> list.size() >= reports + 2);
        }
    }

    @Test
    void sleep_even_if_not_armed_overrides_the_refusal() throws Exception {
        ServerId key = newServer();
        Path ran = dir.resolve("suspended");
        OrderSettings orders = new OrderSettings(List.of("sh", "-c", "echo suspend > " + ran),
                List.of("true"), true, 9);
        try (TopicReader<MetricReport> metrics = new TopicReader<>(bootstrap, Topics.METRICS, MetricReport.class);
             TopicReader<AgentReply> replies = new TopicReader<>(bootstrap, Topics.AGENT_REPLIES, AgentReply.class);
             Agent agent = start(key, orders, false)) {
            metrics.awaitEvents(key, reports -> !reports.isEmpty());

            order(AgentControl.sleep(key, CommandId.random(), SleepMode.SUSPEND, Instant.now()));

            assertThat(replies.awaitEvents(key, list -> !list.isEmpty()).getFirst().accepted()).isTrue();
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(ran) && Files.size(ran) > 0);
        }
    }

    @Test
    void relay_wake_sends_the_magic_packet_and_answers() throws Exception {
        ServerId key = newServer();
        try (DatagramSocket neighbourNic = new DatagramSocket(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
             TopicReader<MetricReport> metrics = new TopicReader<>(bootstrap, Topics.METRICS, MetricReport.class);
             TopicReader<AgentReply> replies = new TopicReader<>(bootstrap, Topics.AGENT_REPLIES, AgentReply.class);
             Agent agent = start(key, new OrderSettings(List.of("true"), List.of("true"), false,
                     neighbourNic.getLocalPort()), true)) {
            neighbourNic.setSoTimeout(20_000);
            metrics.awaitEvents(key, reports -> !reports.isEmpty());
            CommandId command = CommandId.random();

            order(AgentControl.relayWake(key, command, "02:5E:AA:BB:CC:DD", "127.0.0.1", Instant.now()));

            DatagramPacket received = new DatagramPacket(new byte[200], 200);
            neighbourNic.receive(received);
            assertThat(Arrays.copyOf(received.getData(), received.getLength()))
                    .isEqualTo(MagicPacket.payload(0x02_5E_AA_BB_CC_DDL));
            AgentReply reply = replies.awaitEvents(key, list -> !list.isEmpty()).getFirst();
            assertThat(reply.type()).isEqualTo(AgentControl.Type.RELAY_WAKE);
            assertThat(reply.commandId()).isEqualTo(command);
            assertThat(reply.accepted()).isTrue();
            assertSignedByThisAgent(TopicRecords.of(Topics.AGENT_REPLIES.name(), key.value()));
        }
    }

    @Test
    void relay_wake_to_a_real_network_is_refused_in_loopback_only_mode() throws Exception {
        // the guard this test proves must be on before an order could send anything off this machine
        assertThat(System.getProperty(WakeSender.LOOPBACK_ONLY_PROPERTY)).isEqualTo("true");
        ServerId key = newServer();
        try (TopicReader<MetricReport> metrics = new TopicReader<>(bootstrap, Topics.METRICS, MetricReport.class);
             TopicReader<AgentReply> replies = new TopicReader<>(bootstrap, Topics.AGENT_REPLIES, AgentReply.class);
             Agent agent = start(key, OrderSettings.DEFAULT, true)) {
            metrics.awaitEvents(key, reports -> !reports.isEmpty());

            order(AgentControl.relayWake(key, CommandId.random(), MAC, "192.0.2.255", Instant.now()));

            AgentReply reply = replies.awaitEvents(key, list -> !list.isEmpty()).getFirst();
            assertThat(reply.accepted()).isFalse();
            assertThat(reply.reason()).contains("refused", "192.0.2.255", WakeSender.LOOPBACK_ONLY_PROPERTY);
        }
    }

    @Test
    void a_signed_removed_order_stops_the_agent_for_good_and_deletes_its_key_file() throws Exception {
        ServerId key = newServer();
        Path keyFile = dir.resolve("agent.key");
        KeyFile.save(keyFile, serverKey);  // enrolled before
        Path beside = Files.writeString(dir.resolve("kafka.properties"), "security.protocol=SASL_PLAINTEXT\n");
        try (TopicReader<MetricReport> metrics = new TopicReader<>(bootstrap, Topics.METRICS, MetricReport.class);
             Agent agent = start(key, OrderSettings.DEFAULT, true)) {
            metrics.awaitEvents(key, reports -> !reports.isEmpty());

            // what the wol-service sends when the dashboard's tombstone reaches it
            order(AgentControl.removed(key, "server web-1 was removed from servmon", Instant.now()));

            assertThat(agent.awaitStopped(Duration.ofSeconds(20))).as("stopped by itself").isTrue();
            assertThat(agent.removal()).hasValueSatisfying(order ->
                    assertThat(order.message()).isEqualTo("server web-1 was removed from servmon"));
            assertThat(keyFile).as("a key that will never be accepted again").doesNotExist();
            assertThat(beside).as("nothing else is deleted").exists();
            NoMoreReports.await(() -> metrics.eventsFor(key).size());
        }
    }

    @Test
    void a_removed_order_leaves_a_key_file_that_holds_another_key() throws Exception {
        ServerId key = newServer();
        Path keyFile = dir.resolve("agent.key");
        ServerKey enrolledSince = ServerKey.random();  // the admin already enrolled this machine again
        KeyFile.save(keyFile, enrolledSince);
        try (TopicReader<MetricReport> metrics = new TopicReader<>(bootstrap, Topics.METRICS, MetricReport.class);
             Agent agent = start(key, OrderSettings.DEFAULT, true)) {
            metrics.awaitEvents(key, reports -> !reports.isEmpty());

            order(AgentControl.removed(key, "server web-1 was removed from servmon", Instant.now()));

            assertThat(agent.awaitStopped(Duration.ofSeconds(20))).isTrue();
            assertThat(KeyFile.read(keyFile)).contains(enrolledSince);
        }
    }

    @Test
    void forged_and_unsigned_removed_orders_are_ignored_and_the_agent_keeps_reporting() throws Exception {
        ServerId key = newServer();
        Path keyFile = dir.resolve("agent.key");
        KeyFile.save(keyFile, serverKey);
        try (TopicReader<MetricReport> metrics = new TopicReader<>(bootstrap, Topics.METRICS, MetricReport.class);
             Agent agent = start(key, OrderSettings.DEFAULT, true)) {
            metrics.awaitEvents(key, reports -> !reports.isEmpty());

            // unsigned, and signed with another server's key: what a client without this key can send
            send(AgentControl.removed(key, "forged", Instant.now()), null);
            send(AgentControl.removed(key, "forged", Instant.now()), SigningSecret.of(ServerKey.random()));

            int reports = metrics.eventsFor(key).size();
            metrics.awaitEvents(key, list -> list.size() >= reports + 3);
            assertThat(agent.awaitStopped(Duration.ZERO)).isFalse();
            assertThat(agent.removal()).isEmpty();
            assertThat(KeyFile.read(keyFile)).contains(serverKey);
        }
    }

    /** A fresh server key for this test's agent; returns the id it reports under. */
    private ServerId newServer() {
        serverKey = ServerKey.random();
        return ServerId.of(serverKey);
    }

    private Agent start(ServerId key, OrderSettings orders, boolean wolArmed) {
        assertThat(ServerId.of(serverKey)).isEqualTo(key);
        AgentConfig config = AgentConfig.of(bootstrap, serverKey, ONE_SECOND, dir.resolve("agent.key"))
                .withOrders(orders);
        return Agent.start(config, () -> new FixedMachine(wolArmed));
    }

    /**
     * The answers are signed like the reports: an accepted sleep makes the server ASLEEP, so the state monitor and
     * the wol-service refuse an answer this agent did not sign.
     */
    private void assertSignedByThisAgent(List<ConsumerRecord<String, byte[]>> answers) {
        assertThat(answers).isNotEmpty().allSatisfy(answer -> assertThat(RecordSignature.isValid(
                SigningSecret.of(serverKey), answer.topic(), answer.key(), answer.value(), answer.headers()))
                .as("signed with the secret of this agent's key").isTrue());
    }

    /** An order signed as the wol-service signs it, with the secret derived from the agent's key. */
    private void order(AgentControl control) throws Exception {
        send(control, SigningSecret.of(serverKey));
    }

    /** {@code signer} null: unsigned. */
    private static void send(AgentControl control, SigningSecret signer) throws Exception {
        var record = new ProducerRecord<>(Topics.AGENT_CONTROL.name(), control.serverId().value(), control);
        if (signer != null) {
            RecordSignature.sign(signer, record.topic(), record.key(), EventCodec.encode(control), record.headers());
        }
        wolService.send(record).get();
    }

    /** A machine at a steady 40 % load with one NIC whose Wake-on-LAN is armed or not. */
    private record FixedMachine(boolean wolArmed) implements SampleSource {

        @Override
        public Sample sample() {
            return new Sample(Instant.now(), "boot-1", "test-host", 40.0, 1, 1L << 30, 4L << 30, 0.5, null, null, 0L,
                    0L, null, 100L, List.of(new NetInterface("eth0", MAC, "192.0.2.7", "192.0.2.255", wolArmed)));
        }

        @Override
        public int logicalCpus() {
            return 4;
        }
    }
}
