package servmon.wol;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import servmon.embedded.EmbeddedKafkaBroker;
import servmon.embedded.TopicRecords;
import servmon.events.AgentControl;
import servmon.events.AgentReply;
import servmon.events.CommandId;
import servmon.events.DeadLetterHeaders;
import servmon.events.EventCodec;
import servmon.events.NetInterface;
import servmon.events.ServerId;
import servmon.events.ServerKey;
import servmon.events.RecordSignature;
import servmon.events.ServerRegistered;
import servmon.events.SigningSecret;
import servmon.events.ServerState;
import servmon.events.ServerStateChanged;
import servmon.events.ServmonEvent;
import servmon.events.SleepCommand;
import servmon.events.SleepMode;
import servmon.events.TopicProvisioner;
import servmon.events.TopicSpec;
import servmon.events.Topics;
import servmon.events.WakeCommand;
import servmon.events.WakeResult;
import servmon.events.WakeStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Sleep, confirmed wake, retries and time-outs through the whole wol-service on the real broker, with short retry
 * settings; the state monitor's part is played by publishing server states directly.
 */
class PowerActionsTest {

    private static final String GROUP = "rack-" + ServerId.random().value();
    /** A subnet the service's packets do not reach (a documentation range: nothing is ever sent there). */
    private static final String RELAYED_SUBNET = "198.51.100.255";
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
        receiver = new LoopbackReceiver();
        service = WolApplication.builder().run(
                "--spring.kafka.bootstrap-servers=" + bootstrap,
                "--servmon.wol.destinations=127.0.0.1:" + receiver.port(),
                "--servmon.wol.repeat=1",
                // short, but long enough that a loaded machine still confirms a wake before it times out
                "--servmon.wol.confirm.first-retry-after=2s",
                "--servmon.wol.confirm.backoff=1.0",
                "--servmon.wol.confirm.give-up-after=10s",
                // the tests give the monitor's verdict themselves, long before this
                "--servmon.wol.confirm.wait-for-monitor=60s",
                "--servmon.wol.relay-broadcasts=" + RELAYED_SUBNET,
                "--server.port=0",
                "--spring.kafka.consumer.auto-offset-reset=earliest");
        results = new WakeResultsReader(bootstrap);
    }

    @AfterAll
    static void stopService() {
        for (AutoCloseable closeable : new AutoCloseable[] {service, results, producer, receiver}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception ignored) {
                // closing is best effort
            }
        }
    }

    @Test
    void wake_is_confirmed_when_the_server_reports_again_with_a_new_boot_id() {
        ServerId server = register("52:54:00:10:00:01", null);
        state(server, ServerState.ASLEEP, "boot-1", Instant.now().minusSeconds(60), true);

        CommandId wake = wake(server);
        await().atMost(Duration.ofSeconds(20)).until(() -> !statuses(wake).isEmpty());
        assertThat(statuses(wake)).startsWith(WakeStatus.SENT);
        Instant back = Instant.now();
        state(server, ServerState.ON, "boot-2", back, true);

        // (on a slow machine a retry may come before the new boot id is read: that is a resend, not a failure)
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(statuses(wake))
                .startsWith(WakeStatus.SENT).endsWith(WakeStatus.CONFIRMED).doesNotContain(WakeStatus.TIMED_OUT));
        assertThat(last(wake).detail()).contains("new boot id");
    }

    @Test
    void a_server_that_never_returns_gets_retries_then_times_out() throws InterruptedException {
        ServerId server = register("52:54:00:10:00:02", null);
        state(server, ServerState.OFF, "boot-1", Instant.now().minusSeconds(60), true);

        CommandId wake = wake(server);
        Instant wokeAt = Instant.now();
        CommandId duplicate = wake(server);

        await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> assertThat(statuses(wake)).containsExactly(
                WakeStatus.SENT, WakeStatus.RETRIED, WakeStatus.RETRIED));
        // the give-up time passes, but the state monitor has not ruled on the wake yet (it may be behind its
        // input, where a report that confirms the wake could be waiting): no verdict
        sleepUntil(wokeAt.plusSeconds(13));
        assertThat(statuses(wake)).containsExactly(WakeStatus.SENT, WakeStatus.RETRIED, WakeStatus.RETRIED);
        // a monitor that far behind publishes what it read before the wake, dated now: not a verdict on the wake
        state(server, ServerState.ASLEEP, ServerState.ON, "boot-1", Instant.now(), true, null);
        Thread.sleep(2_000);
        assertThat(statuses(wake)).containsExactly(WakeStatus.SENT, WakeStatus.RETRIED, WakeStatus.RETRIED);
        // the monitor's WAKING ran out
        state(server, ServerState.OFF, ServerState.WAKING, "boot-1", Instant.now(), true, null);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(statuses(wake)).containsExactly(
                WakeStatus.SENT, WakeStatus.RETRIED, WakeStatus.RETRIED, WakeStatus.TIMED_OUT));
        assertThat(last(wake).detail()).contains("3 sends");
        assertThat(statuses(duplicate)).containsExactly(WakeStatus.REJECTED);
        assertThat(last(duplicate).detail()).contains("merged into wake " + wake.value());
        assertThat(receiver.count(magicPacket("52540010" + "0002"))).isEqualTo(3);
    }

    @Test
    void a_report_the_monitor_was_late_to_read_confirms_a_wake_after_the_give_up_time() throws InterruptedException {
        ServerId server = register("52:54:00:10:00:03", null);
        state(server, ServerState.OFF, "boot-1", Instant.now().minusSeconds(60), true);

        CommandId wake = wake(server);
        Instant wokeAt = Instant.now();
        await().atMost(Duration.ofSeconds(40)).until(() -> statuses(wake).size() == 3);
        sleepUntil(wokeAt.plusSeconds(13));
        // the monitor, behind its input, now reads the report the server sent when it came back
        state(server, ServerState.ON, "boot-2", Instant.now(), true);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(statuses(wake)).containsExactly(
                WakeStatus.SENT, WakeStatus.RETRIED, WakeStatus.RETRIED, WakeStatus.CONFIRMED));
    }

    @Test
    void a_server_on_a_subnet_out_of_reach_is_woken_through_an_awake_peer_there() {
        ServerId server = register(null, null);
        ServerId peer = register(null, null);
        state(server, ServerState.ASLEEP, "boot-1", Instant.now().minusSeconds(60), true, RELAYED_SUBNET);
        state(peer, ServerState.ON, "boot-1", Instant.now(), true, RELAYED_SUBNET);

        CommandId wake = wake(server);
        await().atMost(Duration.ofSeconds(20)).until(() -> !statuses(wake).isEmpty());
        assertThat(statuses(wake)).containsExactly(WakeStatus.SENT);
        assertThat(last(wake).detail()).contains("to send the packet");
        AgentControl relay = controlFor(peer);
        assertThat(relay.type()).isEqualTo(AgentControl.Type.RELAY_WAKE);
        assertThat(relay.commandId()).isEqualTo(wake);
        assertThat(relay.targetBroadcast()).isEqualTo(RELAYED_SUBNET);
        assertThat(relay.targetMac()).isEqualTo(service.getBean(servmon.wol.wake.WakeTargets.class).state(server)
                .orElseThrow().interfaces().getFirst().mac());

        answer(peer, new AgentReply(ServmonEvent.VERSION, peer, wake, AgentControl.Type.RELAY_WAKE, true, null, null,
                Instant.now()), secretOf(peer));
        // (on a slow machine the short test retries may come between: each is relayed the same way)
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(statuses(wake))
                .startsWith(WakeStatus.SENT).contains(WakeStatus.RELAYED));
        assertThat(receiver.count(magicPacket(relay.targetMac().replace(":", ""))))
                .as("nothing sent from here: the subnet is out of reach").isZero();
    }

    @Test
    void a_server_that_is_on_is_not_woken() {
        ServerId server = register("52:54:00:10:00:03", null);
        state(server, ServerState.ON, "boot-1", Instant.now(), true);

        CommandId wake = wake(server);
        await().atMost(Duration.ofSeconds(20)).until(() -> !statuses(wake).isEmpty());
        assertThat(statuses(wake)).containsExactly(WakeStatus.REJECTED);
    }

    @Test
    void commands_for_one_server_on_two_partitions_send_one_wake() {
        ServerId server = register("52:54:00:10:00:04", null);
        state(server, ServerState.OFF, "boot-1", Instant.now().minusSeconds(60), true);

        // a Java client and a librdkafka client put the same server's commands on different partitions, so two
        // listener threads may take them at once: one wakes, the other is merged into it
        WakeCommand first = WakeCommand.of(server, "java-client", "test");
        WakeCommand second = WakeCommand.of(server, "kcat", "test");
        int one = Math.floorMod(server.hashCode(), Topics.WAKE_COMMANDS.partitions());
        producer.send(new ProducerRecord<>(Topics.WAKE_COMMANDS.name(), one, server.value(), EventCodec.encode(first)));
        producer.send(new ProducerRecord<>(Topics.WAKE_COMMANDS.name(), (one + 1) % Topics.WAKE_COMMANDS.partitions(),
                server.value(), EventCodec.encode(second)));
        producer.flush();

        await().atMost(Duration.ofSeconds(20)).until(() -> !statuses(first.commandId()).isEmpty()
                && !statuses(second.commandId()).isEmpty());
        List<WakeStatus> firstSteps = List.of(statuses(first.commandId()).getFirst(),
                statuses(second.commandId()).getFirst());
        assertThat(firstSteps).containsExactlyInAnyOrder(WakeStatus.SENT, WakeStatus.REJECTED);
        state(server, ServerState.ON, "boot-2", Instant.now(), true);
    }

    @Test
    void a_server_that_accepted_a_sleep_order_is_woken_before_its_state_says_asleep() {
        ServerId server = register("52:54:00:10:00:05", null);
        state(server, ServerState.ON, "boot-1", Instant.now().minusSeconds(60), true);
        // the agent accepted a sleep order; the state monitor has not published ASLEEP yet (it lags under load)
        CommandId sleep = CommandId.random();
        answer(server, new AgentReply(ServmonEvent.VERSION, server, sleep, AgentControl.Type.SLEEP, true, null, 80.0,
                Instant.now()), secretOf(server));
        await().atMost(Duration.ofSeconds(20)).until(() -> statuses(sleep).contains(WakeStatus.SLEEP_ACCEPTED));

        CommandId wake = wake(server);
        await().atMost(Duration.ofSeconds(20)).until(() -> !statuses(wake).isEmpty());
        assertThat(statuses(wake).getFirst()).isEqualTo(WakeStatus.SENT);
        state(server, ServerState.ON, "boot-2", Instant.now(), true);
    }

    @Test
    void sleep_goes_to_the_agent_and_its_acceptance_is_logged() {
        ServerId server = register(null, GROUP);
        ServerId spare = register(null, GROUP);
        state(server, ServerState.ON, "boot-1", Instant.now(), true);
        state(spare, ServerState.ON, "boot-1", Instant.now(), true);

        SleepCommand sleep = SleepCommand.of(server, SleepMode.SUSPEND, false, "admin");
        publish(Topics.SLEEP_COMMANDS, server, sleep);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(statuses(sleep.commandId())).containsExactly(WakeStatus.SLEEP_SENT));
        AgentControl order = controlFor(server);
        assertThat(order.type()).isEqualTo(AgentControl.Type.SLEEP);
        assertThat(order.mode()).isEqualTo(SleepMode.SUSPEND);
        assertThat(order.commandId()).isEqualTo(sleep.commandId());

        answer(server, new AgentReply(ServmonEvent.VERSION, server, sleep.commandId(), AgentControl.Type.SLEEP, true,
                null, 88.0, Instant.now()), secretOf(server));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(statuses(sleep.commandId()))
                .containsExactly(WakeStatus.SLEEP_SENT, WakeStatus.SLEEP_ACCEPTED));
        assertThat(last(sleep.commandId()).detail()).contains("88.0 W");
    }

    @Test
    void sleep_is_refused_when_wake_on_lan_is_not_armed_unless_forced() {
        String group = "rack-" + ServerId.random().value();
        ServerId server = register(null, group);
        ServerId spare = register(null, group);
        state(server, ServerState.ON, "boot-1", Instant.now(), false);
        state(spare, ServerState.ON, "boot-1", Instant.now(), true);

        SleepCommand refused = SleepCommand.of(server, SleepMode.POWEROFF, false, "admin");
        publish(Topics.SLEEP_COMMANDS, server, refused);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(statuses(refused.commandId())).containsExactly(WakeStatus.SLEEP_REFUSED));
        assertThat(last(refused.commandId()).detail()).contains("Wake-on-LAN is not armed").contains("force");

        SleepCommand forced = SleepCommand.of(server, SleepMode.POWEROFF, true, "admin");
        publish(Topics.SLEEP_COMMANDS, server, forced);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(statuses(forced.commandId())).containsExactly(WakeStatus.SLEEP_SENT));
        assertThat(last(forced.commandId()).detail()).contains("FORCED despite: Wake-on-LAN is not armed");
    }

    @Test
    void the_last_awake_server_of_its_group_is_not_put_to_sleep() {
        String group = "rack-" + ServerId.random().value();
        ServerId server = register(null, group);
        ServerId asleep = register(null, group);
        state(server, ServerState.ON, "boot-1", Instant.now(), true);
        state(asleep, ServerState.ASLEEP, "boot-1", Instant.now(), true);

        SleepCommand sleep = SleepCommand.of(server, SleepMode.SUSPEND, false, "policy");
        publish(Topics.SLEEP_COMMANDS, server, sleep);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(statuses(sleep.commandId())).containsExactly(WakeStatus.SLEEP_REFUSED));
        assertThat(last(sleep.commandId()).detail()).contains("last awake server of group " + group);
    }

    @Test
    void forged_and_unsigned_sleep_answers_are_dead_lettered_and_do_not_count_as_accepted() {
        ServerId server = register("52:54:00:10:00:06", null);
        ServerId neighbour = register(null, null);
        state(server, ServerState.ON, "boot-1", Instant.now().minusSeconds(60), true);
        CommandId sleep = CommandId.random();
        AgentReply accepted = new AgentReply(ServmonEvent.VERSION, server, sleep, AgentControl.Type.SLEEP, true, null,
                80.0, Instant.now());

        answer(server, accepted, null);  // any client that can write to the topic
        answer(server, accepted, secretOf(neighbour));  // another agent answering for its neighbour
        // the agent's own answer behind them (one key, one partition, in order): once it is logged, the two were read
        answer(server, new AgentReply(ServmonEvent.VERSION, server, sleep, AgentControl.Type.SLEEP, false,
                "Wake-on-LAN is not armed", null, Instant.now()), secretOf(server));

        await().atMost(Duration.ofSeconds(20)).until(() -> statuses(sleep).contains(WakeStatus.SLEEP_REFUSED));
        assertThat(statuses(sleep)).as("no forged acceptance in the power log")
                .containsExactly(WakeStatus.SLEEP_REFUSED);
        var dead = await().atMost(Duration.ofSeconds(30))
                .until(() -> TopicRecords.of(Topics.AGENT_REPLIES_DLT.name(), server.value()),
                        records -> records.size() == 2);
        assertThat(dead).extracting(record -> TopicRecords.header(record, DeadLetterHeaders.REASON_TAG))
                .containsExactly("unsigned", "bad_signature");
        assertThat(dead).extracting(record -> TopicRecords.header(record, DeadLetterHeaders.REFUSED_BY))
                .containsOnly("servmon-wol-service");
        assertThat(dead).extracting(ConsumerRecord::value).containsOnly(EventCodec.encode(accepted));
        MeterRegistry meters = service.getBean(MeterRegistry.class);
        assertThat(meters.get("servmon.dead.letters").tag("topic", Topics.AGENT_REPLIES.name())
                .tag("reason", "unsigned").counter().count()).isEqualTo(1.0);
        assertThat(meters.get("servmon.dead.letters").tag("topic", Topics.AGENT_REPLIES.name())
                .tag("reason", "bad_signature").counter().count()).isEqualTo(1.0);
        // nor was the sleep taken as accepted behind the log's back: the server is ON, so a wake is refused
        CommandId wake = wake(server);
        await().atMost(Duration.ofSeconds(20)).until(() -> !statuses(wake).isEmpty());
        assertThat(statuses(wake)).containsExactly(WakeStatus.REJECTED);
    }

    @Test
    void a_removed_servers_agent_is_told_so_by_an_order_signed_with_the_removed_registrations_secret() {
        ServerId removed = register(null, null);
        ServerId kept = register(null, null);

        // the dashboard's delete (or new key): a tombstone; the secret leaves the service's view with it
        producer.send(new ProducerRecord<>(Topics.SERVERS.name(), removed.value(), null));
        producer.flush();
        await().atMost(Duration.ofSeconds(20)).until(() -> service.getBean(servmon.wol.wake.WakeTargets.class)
                .registration(removed).isEmpty());

        AgentControl order = controlFor(removed);  // checks that it is signed with the server's secret
        assertThat(order.type()).isEqualTo(AgentControl.Type.REMOVED);
        assertThat(order.message()).isEqualTo("server s-" + removed.value() + " was removed from servmon");
        assertThat(TopicRecords.of(Topics.AGENT_CONTROL.name(), removed.value())).as("one order").hasSize(1);
        assertThat(TopicRecords.of(Topics.AGENT_CONTROL.name(), kept.value())).as("to the removed server's agent only").isEmpty();
    }

    private static ServerId register(String mac, String group) {
        ServerId key = ServerId.random();
        publish(Topics.SERVERS, key, new ServerRegistered(ServmonEvent.VERSION, key, 1, "s-" + key.value(), mac,
                Instant.now(), group, secretOf(key)));
        // the service checks agents' answers with the secret of its view of the registrations: wait until it is there
        await().atMost(Duration.ofSeconds(20)).until(() -> service.getBean(servmon.wol.wake.WakeTargets.class)
                .registration(key).isPresent());
        return key;
    }

    /** The secret of a test server's agent: as if its key were the id's text (a valid key). */
    private static SigningSecret secretOf(ServerId key) {
        return SigningSecret.of(ServerKey.of(key.value()));
    }

    /** An agent's answer, signed with {@code signer} as an agent signs it; null: unsigned. */
    private static void answer(ServerId key, AgentReply reply, SigningSecret signer) {
        byte[] value = EventCodec.encode(reply);
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.AGENT_REPLIES.name(), key.value(), value);
        if (signer != null) {
            RecordSignature.sign(signer, record.topic(), record.key(), value, record.headers());
        }
        producer.send(record);
        producer.flush();
    }

    private static void state(ServerId key, ServerState state, String bootId, Instant lastSeen, boolean armed) {
        state(key, state, null, bootId, lastSeen, armed, null);
    }

    private static void state(ServerId key, ServerState state, String bootId, Instant lastSeen, boolean armed,
                              String broadcast) {
        state(key, state, null, bootId, lastSeen, armed, broadcast);
    }

    private static void state(ServerId key, ServerState state, ServerState previous, String bootId, Instant lastSeen,
                              boolean armed, String broadcast) {
        int n = Math.floorMod(key.hashCode(), 65_536);
        String mac = String.format("02:00:00:00:%02x:%02x", n >> 8, n & 0xff);
        publish(Topics.SERVER_STATE, key, new ServerStateChanged(ServmonEvent.VERSION, key, state, previous, lastSeen,
                lastSeen, bootId, 8, List.of(new NetInterface("eth0", mac, "127.0.0.1", broadcast, armed))));
        // the service reads states through its view of the compacted topic: wait until it has this one
        await().atMost(Duration.ofSeconds(20)).until(() -> service.getBean(servmon.wol.wake.WakeTargets.class)
                .state(key).map(seen -> seen.state() == state && bootId.equals(seen.bootId())).orElse(false));
    }

    private static void sleepUntil(Instant instant) throws InterruptedException {
        long millis = Duration.between(Instant.now(), instant).toMillis();
        if (millis > 0) {
            Thread.sleep(millis);
        }
    }

    private static CommandId wake(ServerId key) {
        WakeCommand command = WakeCommand.of(key, "test", "test");
        publish(Topics.WAKE_COMMANDS, key, command);
        return command.commandId();
    }

    private static List<WakeStatus> statuses(CommandId command) {
        results.poll();
        return results.readSoFar().stream().filter(result -> result.commandId().equals(command))
                .map(WakeResult::status).toList();
    }

    private static WakeResult last(CommandId command) {
        List<WakeResult> all = results.readSoFar().stream().filter(r -> r.commandId().equals(command)).toList();
        return all.getLast();
    }

    private static AgentControl controlFor(ServerId key) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedKafkaBroker.shared().bootstrapServers()),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = IntStream.range(0, Topics.AGENT_CONTROL.partitions())
                    .mapToObj(p -> new TopicPartition(Topics.AGENT_CONTROL.name(), p)).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<AgentControl> seen = new ArrayList<>();
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (key.value().equals(record.key())) {
                        // the agent obeys only orders signed with its own key's secret
                        assertThat(RecordSignature.isValid(secretOf(key), record.topic(),
                                record.key(), record.value(), record.headers())).as("signed order").isTrue();
                        seen.add(decode(record.value()));
                    }
                });
                return !seen.isEmpty();
            });
            return seen.getFirst();
        }
    }

    private static AgentControl decode(byte[] value) {
        try {
            return EventCodec.decode(value, AgentControl.class);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void publish(TopicSpec topic, ServerId key, ServmonEvent event) {
        producer.send(new ProducerRecord<>(topic.name(), key.value(), EventCodec.encode(event)));
        producer.flush();
    }

    private static byte[] magicPacket(String macHex) {
        return java.util.HexFormat.of().parseHex("ffffffffffff" + macHex.repeat(16));
    }
}
