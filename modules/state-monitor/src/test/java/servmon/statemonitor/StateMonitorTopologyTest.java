package servmon.statemonitor;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import servmon.events.AgentControl;
import servmon.events.AgentReply;
import servmon.events.CommandId;
import servmon.events.DeadLetterHeaders;
import servmon.events.EventCodec;
import servmon.events.InvalidEventException;
import servmon.events.ServerId;
import servmon.events.RecordSignature;
import org.apache.kafka.common.header.internals.RecordHeaders;
import servmon.events.ServerStateChanged;
import servmon.events.ServmonEvent;
import servmon.events.Topics;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static servmon.events.ServerState.ASLEEP;
import static servmon.events.ServerState.EMPTY;
import static servmon.events.ServerState.OFF;
import static servmon.events.ServerState.ON;
import static servmon.events.ServerState.WAKING;

/** The whole topology, driven record by record and with a simulated wall clock. */
class StateMonitorTopologyTest {

    static final StateMonitorProperties DEFAULTS =
            new StateMonitorProperties(Duration.ofMillis(500), 2, Duration.ofSeconds(1), Duration.ofMinutes(3), 1,
                    Duration.ofMillis(100), Duration.ofSeconds(2), Duration.ofMinutes(10));
    static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    /** Wall-clock time moves in steps this small, so a check runs at most this late. */
    static final Duration STEP = Duration.ofMillis(100);

    final ServerId server = ServerId.random();

    @TempDir
    Path stateDir;
    TopologyTestDriver driver;
    /** Where the topology counts what it dead-letters. */
    final SimpleMeterRegistry deadLetters = new SimpleMeterRegistry();
    TestInputTopic<String, byte[]> servers;
    TestInputTopic<String, byte[]> metrics;
    TestInputTopic<String, byte[]> wakeCommands;
    TestInputTopic<String, byte[]> agentReplies;
    TestInputTopic<String, byte[]> ticks;
    TestOutputTopic<String, byte[]> serverState;
    Instant now = T0;

    @BeforeEach
    void startDriver() {
        var config = StateMonitorStreams.config(Map.of(
                StreamsConfig.APPLICATION_ID_CONFIG, "state-monitor-test",
                StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092",
                StreamsConfig.STATE_DIR_CONFIG, stateDir.toString()), DEFAULTS);
        driver = new TopologyTestDriver(StateMonitorTopology.buildTopology(DEFAULTS, StateTransitions.unobserved(),
                new DeadLetterCounts(deadLetters), 1), config, T0);
        servers = input(Topics.SERVERS.name());
        metrics = input(Topics.METRICS.name());
        wakeCommands = input(Topics.WAKE_COMMANDS.name());
        agentReplies = input(Topics.AGENT_REPLIES.name());
        ticks = input(Topics.MONITOR_TICKS.name());
        serverState = driver.createOutputTopic(Topics.SERVER_STATE.name(), new StringDeserializer(),
                new ByteArrayDeserializer());
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void first_report_turns_a_registered_server_on() {
        register(server);
        ServerStateChanged empty = single(emitted());
        assertThat(empty.state()).isEqualTo(EMPTY);
        assertThat(empty.previous()).isNull();
        assertThat(empty.lastSeen()).isNull();

        pass(Duration.ofSeconds(2));
        // an agent whose clock is an hour behind: last-seen is when the monitor got the report, not sampledAt
        send(Events.report(server, 8, "boot-1", T0.minus(Duration.ofHours(1))));

        ServerStateChanged on = single(emitted());
        assertThat(on.serverId()).isEqualTo(server);
        assertThat(on.state()).isEqualTo(ON);
        assertThat(on.previous()).isEqualTo(EMPTY);
        assertThat(on.since()).isEqualTo(T0.plusSeconds(2));
        assertThat(on.lastSeen()).isEqualTo(T0.plusSeconds(2));
        assertThat(on.bootId()).isEqualTo("boot-1");
        assertThat(on.intervalS()).isEqualTo(8);
        assertThat(on.interfaces()).isEqualTo(Events.NICS);
    }

    @Test
    void silence_longer_than_two_intervals_plus_one_second_turns_it_off() {
        register(server);
        send(Events.report(server, 8, "boot-1"));
        assertThat(states(emitted())).containsExactly(EMPTY, ON);

        pass(Duration.ofSeconds(17));  // 2 x 8 s + 1 s of silence, not longer
        assertThat(emitted()).isEmpty();

        pass(Duration.ofMillis(600));  // longer than the threshold, plus one check interval
        ServerStateChanged off = single(emitted());
        assertThat(off.state()).isEqualTo(OFF);
        assertThat(off.previous()).isEqualTo(ON);
        assertThat(off.since()).isBetween(T0.plusSeconds(17), T0.plusMillis(17_600));
        assertThat(off.lastSeen()).isEqualTo(T0);
        // what the wol-service needs to wake it again
        assertThat(off.bootId()).isEqualTo("boot-1");
        assertThat(off.interfaces()).isEqualTo(Events.NICS);

        pass(Duration.ofMinutes(1));
        assertThat(emitted()).as("OFF is announced once").isEmpty();
    }

    @Test
    void a_report_that_only_moves_last_seen_is_kept_in_memory_not_written_to_the_store() {
        TestOutputTopic<String, byte[]> changelog = driver.createOutputTopic(
                "state-monitor-test-" + StateMonitorTopology.STORE + "-changelog", new StringDeserializer(),
                new ByteArrayDeserializer());
        register(server);
        send(Events.report(server, 1, "boot-1"));
        assertThat(states(emitted())).containsExactly(EMPTY, ON);
        assertThat(changelog.readRecordsToList()).as("registration and ON are stored").hasSize(2);

        for (int second = 1; second <= 10; second++) {
            pass(Duration.ofSeconds(1));
            send(Events.report(server, 1, "boot-1"));
        }
        assertThat(emitted()).isEmpty();
        assertThat(changelog.readRecordsToList()).as("ten reports of a steady server write nothing").isEmpty();

        // silence is still judged from the newest report, which only memory holds
        pass(Duration.ofSeconds(3));  // 2 x 1 s + 1 s
        assertThat(emitted()).isEmpty();
        pass(Duration.ofMillis(600));
        ServerStateChanged off = single(emitted());
        assertThat(off.state()).isEqualTo(OFF);
        assertThat(off.lastSeen()).isEqualTo(T0.plusSeconds(10));

        // back with a new interval: a new fact, stored
        send(Events.report(server, 8, "boot-1"));
        assertThat(states(emitted())).containsExactly(ON);
        changelog.readRecordsToList();
        pass(Duration.ofSeconds(8));
        send(Events.report(server, 2, "boot-1"));
        assertThat(changelog.readRecordsToList()).as("a changed interval is stored").hasSize(1);
    }

    @Test
    void timeout_scales_with_the_agents_interval() {
        ServerId fast = ServerId.random();
        ServerId slow = ServerId.random();
        register(fast);
        register(slow);
        send(Events.report(fast, 1, "boot-f"));
        send(Events.report(slow, 30, "boot-s"));
        emitted();

        pass(Duration.ofSeconds(3));  // 2 x 1 s + 1 s
        assertThat(emitted()).isEmpty();
        pass(Duration.ofMillis(600));
        assertThat(emitted()).singleElement().satisfies(off -> {
            assertThat(off.serverId()).isEqualTo(fast);
            assertThat(off.state()).isEqualTo(OFF);
        });

        pass(Duration.ofMillis(61_000 - 3_600));  // 2 x 30 s + 1 s
        assertThat(emitted()).isEmpty();
        pass(Duration.ofMillis(600));
        assertThat(emitted()).singleElement().satisfies(off -> {
            assertThat(off.serverId()).isEqualTo(slow);
            assertThat(off.state()).isEqualTo(OFF);
        });
    }

    @Test
    void report_after_off_turns_it_on_again() {
        register(server);
        send(Events.report(server, 8, "boot-1"));
        pass(Duration.ofSeconds(18));
        assertThat(states(emitted())).containsExactly(EMPTY, ON, OFF);

        pass(Duration.ofSeconds(30));
        send(Events.report(server, 8, "boot-1"));

        ServerStateChanged on = single(emitted());
        assertThat(on.state()).isEqualTo(ON);
        assertThat(on.previous()).isEqualTo(OFF);
        assertThat(on.since()).isEqualTo(now);
        assertThat(on.lastSeen()).isEqualTo(now);
    }

    @Test
    void unregistered_key_is_ignored() {
        send(Events.report(server, 8, "boot-1"));
        wake(server);
        pass(Duration.ofSeconds(20));

        assertThat(emitted()).isEmpty();
        assertThat(driver.getKeyValueStore(StateMonitorTopology.STORE).get(server.value())).isNull();
    }

    @Test
    void new_boot_id_is_announced() {
        register(server);
        send(Events.report(server, 8, "boot-1"));
        emitted();

        pass(Duration.ofSeconds(8));
        send(Events.report(server, 8, "boot-1"));
        assertThat(emitted()).as("an ordinary heartbeat changes nothing").isEmpty();

        pass(Duration.ofSeconds(8));
        send(Events.report(server, 8, "boot-2"));  // rebooted faster than the timeout
        ServerStateChanged rebooted = single(emitted());
        assertThat(rebooted.state()).isEqualTo(ON);
        assertThat(rebooted.previous()).isEqualTo(ON);
        assertThat(rebooted.bootId()).isEqualTo("boot-2");
        assertThat(rebooted.since()).isEqualTo(now);
    }

    @Test
    void wake_command_moves_off_server_to_waking_and_times_out_to_off() {
        register(server);
        send(Events.report(server, 8, "boot-1"));
        wake(server);
        assertThat(states(emitted())).as("a server that is ON needs no wake").containsExactly(EMPTY, ON);
        pass(Duration.ofSeconds(18));
        assertThat(states(emitted())).containsExactly(OFF);

        wake(server);
        ServerStateChanged waking = single(emitted());
        assertThat(waking.state()).isEqualTo(WAKING);
        assertThat(waking.previous()).isEqualTo(OFF);
        assertThat(waking.since()).isEqualTo(now);
        assertThat(waking.interfaces()).isEqualTo(Events.NICS);

        pass(Duration.ofMinutes(3));  // the wake timeout, not longer
        assertThat(emitted()).isEmpty();
        pass(Duration.ofMillis(600));
        ServerStateChanged off = single(emitted());
        assertThat(off.state()).isEqualTo(OFF);
        assertThat(off.previous()).isEqualTo(WAKING);
    }

    @Test
    void report_while_waking_turns_it_on() {
        register(server);
        wake(server);  // never reported yet: EMPTY can be woken too
        assertThat(states(emitted())).containsExactly(EMPTY, WAKING);

        pass(Duration.ofSeconds(40));
        send(Events.report(server, 8, "boot-2"));
        ServerStateChanged on = single(emitted());
        assertThat(on.state()).isEqualTo(ON);
        assertThat(on.previous()).isEqualTo(WAKING);
        assertThat(on.bootId()).isEqualTo("boot-2");
    }

    @Test
    void accepted_sleep_makes_it_asleep_with_its_power_and_silence_never_turns_it_off() {
        register(server);
        send(Events.report(server, 8, "boot-1"));
        emitted();

        answer(server, AgentControl.Type.SLEEP, false);  // refused: nothing changes
        assertThat(emitted()).isEmpty();
        answer(server, AgentControl.Type.SLEEP, true);
        ServerStateChanged asleep = single(emitted());
        assertThat(asleep.state()).isEqualTo(ASLEEP);
        assertThat(asleep.previous()).isEqualTo(ON);
        assertThat(asleep.since()).isEqualTo(now);
        assertThat(asleep.powerBeforeSleepW()).isEqualTo(140.0);

        pass(Duration.ofMinutes(10));
        assertThat(emitted()).as("asleep on purpose: never OFF").isEmpty();
    }

    @Test
    void a_report_sampled_before_the_sleep_answer_but_read_after_it_does_not_wake_the_server() {
        register(server);
        send(Events.report(server, 8, "boot-1"));
        pass(Duration.ofSeconds(2));
        answer(server, AgentControl.Type.SLEEP, true);
        assertThat(states(emitted())).containsExactly(EMPTY, ON, ASLEEP);

        send(Events.report(server, 8, "boot-1", now.minusSeconds(1)));  // late: sampled before the answer
        assertThat(emitted()).as("still asleep").isEmpty();
        pass(Duration.ofSeconds(30));
        assertThat(emitted()).as("and never OFF").isEmpty();

        send(Events.report(server, 8, "boot-1", now));  // resumed from suspend: same boot id, sampled after
        assertThat(states(emitted())).containsExactly(ON);
    }

    @Test
    void a_wake_of_a_sleeping_server_that_does_not_come_back_leaves_it_asleep() {
        register(server);
        send(Events.report(server, 8, "boot-1"));
        answer(server, AgentControl.Type.SLEEP, true);
        emitted();

        wake(server);
        ServerStateChanged waking = single(emitted());
        assertThat(waking.state()).isEqualTo(WAKING);
        assertThat(waking.powerBeforeSleepW()).isEqualTo(140.0);
        pass(Duration.ofMinutes(3).plusSeconds(1));
        ServerStateChanged back = single(emitted());
        assertThat(back.state()).isEqualTo(ASLEEP);
        assertThat(back.powerBeforeSleepW()).isEqualTo(140.0);

        wake(server);
        emitted();
        send(Events.report(server, 8, "boot-2"));
        ServerStateChanged on = single(emitted());
        assertThat(on.state()).isEqualTo(ON);
        assertThat(on.bootId()).isEqualTo("boot-2");
        assertThat(on.powerBeforeSleepW()).isNull();
    }

    @Test
    void a_70_second_broker_stall_turns_no_server_off_that_kept_reporting() {
        ServerId silent = ServerId.random();
        register(server);
        register(silent);
        send(Events.report(server, 1, "boot-1"));
        send(Events.report(silent, 1, "boot-1"));
        emitted();
        for (int second = 0; second < 2; second++) {
            pass(Duration.ofSeconds(1));
            send(Events.report(server, 1, "boot-1"));
        }
        Instant stalledAt = now;

        stall(Duration.ofSeconds(70));
        assertThat(emitted()).as("nothing came through: silence proves nothing").isEmpty();

        // The broker is back: what was sent meanwhile arrives, the reports of the one that kept reporting and the
        // ticks, in the order they were sent.
        for (int second = 1; second <= 70; second++) {
            tick(stalledAt.plusSeconds(second));
            send(Events.report(server, 1, "boot-1"));
        }
        pass(Duration.ofSeconds(1));
        assertThat(emitted()).singleElement().satisfies(off -> {
            assertThat(off.serverId()).as("only the server that really stopped").isEqualTo(silent);
            assertThat(off.state()).isEqualTo(OFF);
        });
    }

    @Test
    void a_pause_of_the_monitor_itself_gives_every_server_a_full_timeout() {
        register(server);
        send(Events.report(server, 1, "boot-1"));
        pass(Duration.ofSeconds(1));
        emitted();

        driver.advanceWallClockTime(Duration.ofSeconds(70));  // one jump: the process was stopped for 70 s
        now = now.plusSeconds(70);
        tick(now);
        pass(Duration.ofSeconds(2));
        assertThat(emitted()).as("the server's silence was our own absence").isEmpty();

        pass(Duration.ofSeconds(2));
        assertThat(states(emitted())).as("still silent a full timeout later: now it is OFF").containsExactly(OFF);
    }

    @Test
    void two_agents_with_one_key_are_one_conflict_not_a_reboot_storm() {
        register(server);
        send(Events.report(server, 8, "boot-A"));
        pass(Duration.ofSeconds(1));
        send(Events.report(server, 8, "boot-B"));  // could be a quick reboot: announced as one
        assertThat(states(emitted())).containsExactly(EMPTY, ON, ON);

        for (int i = 0; i < 10; i++) {
            pass(Duration.ofSeconds(1));
            send(Events.report(server, 8, i % 2 == 0 ? "boot-A" : "boot-B"));
        }
        List<ServerStateChanged> changes = emitted();
        assertThat(changes).as("one conflict, not ten reboots").singleElement().satisfies(conflict -> {
            assertThat(conflict.state()).isEqualTo(ON);
            assertThat(conflict.conflict()).contains("two agents").contains("boot-A").contains("boot-B");
        });

        // one agent stopped: after a minute without flips the conflict is cleared
        for (int i = 0; i < 65; i++) {
            pass(Duration.ofSeconds(1));
            send(Events.report(server, 8, "boot-B"));
        }
        assertThat(emitted()).singleElement().satisfies(cleared -> assertThat(cleared.conflict()).isNull());
    }

    @Test
    void removed_server_is_forgotten_with_a_tombstone() {
        register(server);
        send(Events.report(server, 8, "boot-1"));
        serverState.readRecordsToList();

        servers.pipeInput(server.value(), null);

        List<TestRecord<String, byte[]>> records = serverState.readRecordsToList();
        assertThat(records).singleElement().satisfies(tombstone -> {
            assertThat(tombstone.key()).isEqualTo(server.value());
            assertThat(tombstone.value()).isNull();
        });
        assertThat(driver.getKeyValueStore(StateMonitorTopology.STORE).get(server.value())).isNull();

        send(Events.report(server, 8, "boot-1"));  // an agent not told yet
        pass(Duration.ofSeconds(20));
        assertThat(serverState.readRecordsToList()).isEmpty();
    }

    @Test
    void malformed_input_is_dead_lettered_with_the_reason_without_stopping_the_stream() {
        ServerId other = ServerId.random();
        register(server);
        register(other);
        emitted();

        metrics.pipeInput(server.value(), "{not json".getBytes(StandardCharsets.UTF_8));
        metrics.pipeInput(server.value(), new byte[0]);
        metrics.pipeInput(server.value(), null);
        metrics.pipeInput(server.value(), EventCodec.encodeToString(Events.report(server, 8, "boot-1"))
                .replace("\"v\":1", "\"v\":2").getBytes(StandardCharsets.UTF_8));
        metrics.pipeInput(server.value(), EventCodec.encode(Events.report(other, 8, "boot-1")));  // wrong key
        metrics.pipeInput("not a key!", EventCodec.encode(Events.report(server, 8, "boot-1")));
        assertThat(emitted()).isEmpty();
        TestOutputTopic<byte[], byte[]> deadLetters = driver.createOutputTopic(Topics.METRICS_DLT.name(),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        assertThat(deadLetters.readRecordsToList()).extracting(dead -> header(dead, DeadLetterHeaders.REASON_TAG))
                .containsExactly("malformed", "empty", "empty", "unsupported_version", "key_mismatch", "bad_key");

        send(Events.report(server, 8, "boot-1"));
        assertThat(emitted()).singleElement().satisfies(on -> {
            assertThat(on.serverId()).isEqualTo(server);
            assertThat(on.state()).isEqualTo(ON);
        });
    }

    @Test
    void forged_reports_are_dead_lettered_with_the_reason_and_never_turn_the_server_on() {
        ServerId other = ServerId.random();
        register(server);
        register(other);
        emitted();
        byte[] report = EventCodec.encode(Events.report(server, 8, "boot-1"));

        metrics.pipeInput(server.value(), report);  // unsigned: any client that can write to the topic
        // signed with another registered server's secret: another agent forging its neighbour's reports
        RecordHeaders otherAgent = new RecordHeaders();
        RecordSignature.sign(Events.secretOf(other), Topics.METRICS.name(), server.value(), report, otherAgent);
        metrics.pipeInput(new TestRecord<>(server.value(), report, otherAgent, (Instant) null));
        // signed for another server id: a valid signature moved to this server's key
        RecordHeaders moved = new RecordHeaders();
        RecordSignature.sign(Events.secretOf(server), Topics.METRICS.name(), other.value(), report, moved);
        metrics.pipeInput(new TestRecord<>(server.value(), report, moved, (Instant) null));

        assertThat(emitted()).isEmpty();
        TestOutputTopic<byte[], byte[]> deadLetters = driver.createOutputTopic(Topics.METRICS_DLT.name(),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TestRecord<byte[], byte[]>> refused = deadLetters.readRecordsToList();
        assertThat(refused).extracting(dead -> header(dead, DeadLetterHeaders.REASON_TAG))
                .containsExactly("unsigned", "bad_signature", "bad_signature");
        assertThat(refused).extracting(dead -> header(dead, DeadLetterHeaders.REASON))
                .allMatch(reason -> reason.contains(server.value()));

        send(Events.report(server, 8, "boot-1"));
        assertThat(emitted()).singleElement().satisfies(on -> assertThat(on.state()).isEqualTo(ON));
    }

    @Test
    void forged_sleep_answers_are_dead_lettered_with_the_reason_and_never_make_the_server_asleep() {
        ServerId other = ServerId.random();
        register(server);
        register(other);
        send(Events.report(server, 8, "boot-1"));
        emitted();
        byte[] accepted = answerOf(server, AgentControl.Type.SLEEP, true);

        agentReplies.pipeInput(server.value(), accepted);  // unsigned: any client that can write to the topic
        // signed with another registered server's secret: another agent answering for its neighbour
        RecordHeaders otherAgent = new RecordHeaders();
        RecordSignature.sign(Events.secretOf(other), Topics.AGENT_REPLIES.name(), server.value(), accepted, otherAgent);
        agentReplies.pipeInput(new TestRecord<>(server.value(), accepted, otherAgent, (Instant) null));
        // this server's own signature of a report, moved onto an answer's topic
        RecordHeaders ofAReport = new RecordHeaders();
        RecordSignature.sign(Events.secretOf(server), Topics.METRICS.name(), server.value(), accepted, ofAReport);
        agentReplies.pipeInput(new TestRecord<>(server.value(), accepted, ofAReport, (Instant) null));

        assertThat(emitted()).as("still ON: no forged answer puts it to sleep").isEmpty();
        List<TestRecord<byte[], byte[]>> refused = driver.createOutputTopic(Topics.AGENT_REPLIES_DLT.name(),
                new ByteArrayDeserializer(), new ByteArrayDeserializer()).readRecordsToList();
        assertThat(refused).extracting(dead -> header(dead, DeadLetterHeaders.REASON_TAG))
                .containsExactly("unsigned", "bad_signature", "bad_signature");
        assertThat(refused).extracting(dead -> header(dead, DeadLetterHeaders.REFUSED_BY))
                .containsOnly("servmon-state-monitor");
        assertThat(refused).extracting(TestRecord::value).containsOnly(accepted);
        assertThat(deadLetters.find("servmon.dead.letters").tag("topic", Topics.AGENT_REPLIES.name())
                .tag("reason", "unsigned").counter().count()).isEqualTo(1.0);
        assertThat(deadLetters.find("servmon.dead.letters").tag("topic", Topics.AGENT_REPLIES.name())
                .tag("reason", "bad_signature").counter().count()).isEqualTo(2.0);
        pass(Duration.ofSeconds(17).plusMillis(600));
        assertThat(states(emitted())).as("its silence is unexpected: OFF, not ASLEEP").containsExactly(OFF);

        // the agent's own answer is heard
        send(Events.report(server, 8, "boot-1"));
        emitted();
        answer(server, AgentControl.Type.SLEEP, true);
        assertThat(states(emitted())).containsExactly(ASLEEP);
    }

    private static String header(TestRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private TestInputTopic<String, byte[]> input(String topic) {
        return driver.createInputTopic(topic, new StringSerializer(), new ByteArraySerializer());
    }

    private void register(ServerId key) {
        servers.pipeInput(key.value(), EventCodec.encode(Events.registration(key)));
    }

    private void send(ServmonEvent report) {
        metrics.pipeInput(Events.signed(report.serverId().value(), EventCodec.encode(report)));
    }

    private void answer(ServerId key, AgentControl.Type type, boolean accepted) {
        agentReplies.pipeInput(Events.signed(Topics.AGENT_REPLIES.name(), key.value(), answerOf(key, type, accepted)));
    }

    private byte[] answerOf(ServerId key, AgentControl.Type type, boolean accepted) {
        return EventCodec.encode(new AgentReply(ServmonEvent.VERSION, key, CommandId.random(), type, accepted,
                accepted ? null : "Wake-on-LAN is not armed", 140.0, now));
    }

    private void wake(ServerId key) {
        wakeCommands.pipeInput(key.value(), EventCodec.encode(Events.wake(key)));
    }

    /** Lets wall-clock time pass in small steps, as it does for the real monitor, with its ticks coming through. */
    private void pass(Duration duration) {
        for (Duration left = duration; left.isPositive(); left = left.minus(STEP)) {
            Duration step = left.compareTo(STEP) < 0 ? left : STEP;
            tick(now.plus(step));
            driver.advanceWallClockTime(step);
            now = now.plus(step);
        }
    }

    /** Lets wall-clock time pass with nothing coming through: a stalled broker. */
    private void stall(Duration duration) {
        for (Duration left = duration; left.isPositive(); left = left.minus(STEP)) {
            driver.advanceWallClockTime(STEP);
            now = now.plus(STEP);
        }
    }

    private void tick(Instant sentAt) {
        ticks.pipeInput("tick", TickDecoder.encode(sentAt.toEpochMilli()), sentAt);
    }

    /** The state changes emitted since the last call. */
    private List<ServerStateChanged> emitted() {
        return serverState.readValuesToList().stream().map(StateMonitorTopologyTest::decode).toList();
    }

    private static ServerStateChanged decode(byte[] value) {
        assertThat(value).as("a state change, not a tombstone").isNotNull();
        try {
            return EventCodec.decode(value, ServerStateChanged.class);
        } catch (InvalidEventException e) {
            throw new AssertionError(e);
        }
    }

    private static ServerStateChanged single(List<ServerStateChanged> changes) {
        assertThat(changes).hasSize(1);
        return changes.getFirst();
    }

    private static List<servmon.events.ServerState> states(List<ServerStateChanged> changes) {
        return changes.stream().map(ServerStateChanged::state).toList();
    }
}
