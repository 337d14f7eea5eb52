package servmon.wol;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import servmon.embedded.EmbeddedKafkaBroker;
import servmon.embedded.TopicRecords;
import servmon.events.CommandId;
import servmon.events.DeadLetterHeaders;
import servmon.events.EventCodec;
import servmon.events.NetInterface;
import servmon.events.ServerId;
import servmon.events.ServerRegistered;
import servmon.events.SigningSecret;
import servmon.events.ServerKey;
import servmon.events.ServerState;
import servmon.events.ServerStateChanged;
import servmon.events.ServmonEvent;
import servmon.events.TopicProvisioner;
import servmon.events.TopicSpec;
import servmon.events.Topics;
import servmon.events.WakeResult;
import servmon.events.WakeStatus;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole wol-service on the real in-process broker, started as the standalone module starts it, sending to a
 * UDP socket on 127.0.0.1. Servers are registered before it starts, so it must read them before serving commands.
 */
class WolServiceTest {

    private static final ServerId WITH_MAC = ServerId.random();
    private static final ServerId WITH_REPORTED_INTERFACES = ServerId.random();
    private static final ServerId WITHOUT_MAC = ServerId.random();
    private static final ServerId REMOVED = ServerId.random();
    private static final ServerId NEVER_REGISTERED = ServerId.random();
    private static final ServerId FOR_BAD_COMMANDS = ServerId.random();

    private static LoopbackReceiver receiver;
    private static KafkaProducer<String, byte[]> producer;
    private static ConfigurableApplicationContext service;
    private static WakeResultsReader results;

    @BeforeAll
    static void startService() throws Exception {
        String bootstrap = EmbeddedKafkaBroker.shared().bootstrapServers();
        TopicProvisioner.ensureTopics(bootstrap, (short) 1);
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new StringSerializer(), new ByteArraySerializer());
        publish(Topics.SERVERS, WITH_MAC, registered(WITH_MAC, "52-54-00-AA-00-01"));
        publish(Topics.SERVERS, WITH_REPORTED_INTERFACES, registered(WITH_REPORTED_INTERFACES, null));
        publish(Topics.SERVER_STATE, WITH_REPORTED_INTERFACES, offWith(WITH_REPORTED_INTERFACES, List.of(
                new NetInterface("lo", "00:00:00:00:00:00", "127.0.0.1", null, null),
                new NetInterface("eth0", "52:54:00:bb:00:01", "10.0.0.5", "10.0.0.255", false),
                new NetInterface("eth1", "52:54:00:bb:00:02", "10.1.0.5", "10.1.0.255", true))));
        publish(Topics.SERVERS, WITHOUT_MAC, registered(WITHOUT_MAC, null));
        publish(Topics.SERVERS, REMOVED, registered(REMOVED, "52:54:00:dd:00:01"));
        producer.send(new ProducerRecord<>(Topics.SERVERS.name(), REMOVED.value(), null));
        publish(Topics.SERVERS, FOR_BAD_COMMANDS, registered(FOR_BAD_COMMANDS, "52:54:00:ee:00:01"));
        producer.flush();

        receiver = new LoopbackReceiver();
        service = WolApplication.builder().run(
                "--spring.kafka.bootstrap-servers=" + bootstrap,
                "--servmon.wol.destinations=127.0.0.1:" + receiver.port(),
                "--servmon.wol.use-reported-broadcast=false",
                "--servmon.wol.repeat-gap=10ms",
                // a fresh topic: also serve commands published before the listener's first assignment
                "--spring.kafka.consumer.auto-offset-reset=earliest");
        results = new WakeResultsReader(bootstrap);
    }

    @AfterAll
    static void stopService() {
        if (service != null) {
            service.close();
        }
        if (results != null) {
            results.close();
        }
        if (producer != null) {
            producer.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void public_json_wake_command_sends_magic_packets_and_reports_sent() throws Exception {
        CommandId commandId = CommandId.random();
        String json = "{\"v\":1,\"serverId\":\"" + WITH_MAC.value() + "\",\"commandId\":\"" + commandId.value()
                + "\",\"requestedBy\":\"ci\",\"reason\":\"API\"}";

        publishRaw(WITH_MAC, json.getBytes(StandardCharsets.UTF_8));

        ConsumerRecord<String, byte[]> record = results.recordOf(commandId);
        WakeResult result = EventCodec.decode(record.value(), WakeResult.class);
        assertThat(record.key()).isEqualTo(WITH_MAC.value());
        assertThat(result.serverId()).isEqualTo(WITH_MAC);
        assertThat(result.status()).isEqualTo(WakeStatus.SENT);
        assertThat(result.packetsSent()).isEqualTo(3);
        assertThat(result.detail()).contains("127.0.0.1:" + receiver.port(), "52:54:00:aa:00:01", "set in the dashboard");
        byte[] expected = magicPacket("525400aa0001");
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.count(expected) == 3);
    }

    @Test
    void mac_reported_by_the_agent_is_used_when_none_is_registered() throws Exception {
        CommandId commandId = publishCommand(WITH_REPORTED_INTERFACES);

        WakeResult result = results.resultOf(commandId);

        assertThat(result.status()).isEqualTo(WakeStatus.SENT);
        assertThat(result.detail()).contains("52:54:00:bb:00:02", "eth1");
        byte[] armedInterface = magicPacket("525400bb0002");
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.count(armedInterface) == 3);
        assertThat(receiver.count(magicPacket("525400bb0001"))).isZero();
    }

    @Test
    void unregistered_server_is_not_wakeable() throws Exception {
        CommandId commandId = publishCommand(NEVER_REGISTERED);

        WakeResult result = results.resultOf(commandId);

        assertThat(result.status()).isEqualTo(WakeStatus.NOT_WAKEABLE);
        assertThat(result.detail()).isEqualTo("server is not registered");
        assertThat(result.packetsSent()).isZero();
    }

    @Test
    void removed_server_is_not_wakeable() throws Exception {
        CommandId commandId = publishCommand(REMOVED);

        WakeResult result = results.resultOf(commandId);

        assertThat(result.status()).isEqualTo(WakeStatus.NOT_WAKEABLE);
        assertThat(result.detail()).isEqualTo("server is not registered");
        assertThat(receiver.count(magicPacket("525400dd0001"))).isZero();
    }

    @Test
    void registered_server_without_a_known_mac_is_not_wakeable_with_advice() throws Exception {
        CommandId commandId = publishCommand(WITHOUT_MAC);

        WakeResult result = results.resultOf(commandId);

        assertThat(result.status()).isEqualTo(WakeStatus.NOT_WAKEABLE);
        assertThat(result.detail()).isEqualTo(
                "no MAC address known: start the agent on that server once, or set the MAC in the dashboard");
        assertThat(result.packetsSent()).isZero();
    }

    @Test
    void invalid_commands_are_dead_lettered_with_the_reason_and_the_next_one_is_served() throws Exception {
        CommandId unknownVersion = CommandId.random();
        publishRaw(FOR_BAD_COMMANDS, "not json".getBytes(StandardCharsets.UTF_8));
        publishRaw(FOR_BAD_COMMANDS, new byte[0]);
        publishRaw(FOR_BAD_COMMANDS, ("{\"v\":2,\"serverId\":\"" + FOR_BAD_COMMANDS.value() + "\",\"commandId\":\""
                + unknownVersion.value() + "\",\"requestedBy\":\"ci\"}").getBytes(StandardCharsets.UTF_8));
        publishRaw(FOR_BAD_COMMANDS, ("{\"v\":1,\"serverId\":\"" + FOR_BAD_COMMANDS.value() + "\",\"commandId\":\"c-1\","
                + "\"requestedBy\":\"ci\",\"requestedAt\":\"+10000-01-01T00:00:00Z\"}").getBytes(StandardCharsets.UTF_8));
        publishRaw(FOR_BAD_COMMANDS, ("{\"v\":1,\"serverId\":\"" + FOR_BAD_COMMANDS.value() + "\",\"commandId\":\"c-2\","
                + "\"requestedBy\":\"ci\\nforged log line\"}").getBytes(StandardCharsets.UTF_8));

        CommandId good = publishCommand(FOR_BAD_COMMANDS);

        assertThat(results.resultOf(good).status()).isEqualTo(WakeStatus.SENT);
        // one key, one partition, served in order: a result for the bad ones would have come first
        assertThat(results.readSoFar()).extracting(WakeResult::commandId).doesNotContain(unknownVersion);
        List<ConsumerRecord<String, byte[]>> dead = await().atMost(Duration.ofSeconds(30))
                .until(() -> TopicRecords.of(Topics.WAKE_COMMANDS_DLT.name(), FOR_BAD_COMMANDS.value()),
                        records -> records.size() == 5);
        assertThat(dead).extracting(record -> TopicRecords.header(record, DeadLetterHeaders.REASON_TAG))
                .containsExactly("malformed", "empty", "unsupported_version", "clock", "invalid");
        assertThat(dead).extracting(record -> TopicRecords.header(record, DeadLetterHeaders.REFUSED_BY))
                .containsOnly("servmon-wol-service");
        assertThat(TopicRecords.header(dead.getLast(), DeadLetterHeaders.REASON))
                .contains("requestedBy must not contain control characters");
        assertThat(dead.getFirst().value()).isEqualTo("not json".getBytes(StandardCharsets.UTF_8));
    }

    private static CommandId publishCommand(ServerId key) {
        CommandId commandId = CommandId.random();
        String json = "{\"v\":1,\"serverId\":\"" + key.value() + "\",\"commandId\":\"" + commandId.value()
                + "\",\"requestedBy\":\"test\",\"reason\":\"test\"}";
        publishRaw(key, json.getBytes(StandardCharsets.UTF_8));
        return commandId;
    }

    private static void publishRaw(ServerId key, byte[] value) {
        producer.send(new ProducerRecord<>(Topics.WAKE_COMMANDS.name(), key.value(), value));
        producer.flush();
    }

    private static void publish(TopicSpec topic, ServerId key, ServmonEvent event) {
        producer.send(new ProducerRecord<>(topic.name(), key.value(), EventCodec.encode(event)));
    }

    private static ServerRegistered registered(ServerId key, String mac) {
        // signed orders need the registration's secret: as if the agent's key were the id's text
        return new ServerRegistered(ServmonEvent.VERSION, key, 1, "server " + key.value(), mac, Instant.now(), null,
                SigningSecret.of(ServerKey.of(key.value())));
    }

    private static ServerStateChanged offWith(ServerId key, List<NetInterface> interfaces) {
        Instant now = Instant.now();
        return new ServerStateChanged(ServmonEvent.VERSION, key, ServerState.OFF, ServerState.ON, now,
                now.minusSeconds(60), "boot-1", 8, interfaces);
    }

    /** Written out independently of MagicPacket: 6 x FF, then the MAC 16 times. */
    private static byte[] magicPacket(String macHex) {
        return HexFormat.of().parseHex("ffffffffffff" + macHex.repeat(16));
    }
}
