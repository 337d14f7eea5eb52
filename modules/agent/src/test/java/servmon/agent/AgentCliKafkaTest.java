package servmon.agent;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import servmon.events.EventCodec;
import servmon.events.SigningSecret;
import servmon.events.RecordSignature;
import servmon.events.ServerId;
import servmon.agent.power.FakeSysfs;
import servmon.embedded.EmbeddedKafkaBroker;
import servmon.events.AgentControl;
import servmon.events.EventSerializer;
import servmon.events.MetricReport;
import servmon.events.PowerSource;
import servmon.events.ServerKey;
import servmon.events.TopicProvisioner;
import servmon.events.Topics;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The command line's run against a real broker (or none): exit codes and the remembered key. */
class AgentCliKafkaTest {

    private static String bootstrap;
    private static KafkaProducer<String, AgentControl> ingestor;

    @TempDir
    Path dir;

    private final List<Agent> started = new CopyOnWriteArrayList<>();
    private final List<AgentConfig> configs = new CopyOnWriteArrayList<>();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void createTopics() {
        bootstrap = EmbeddedKafkaBroker.shared().bootstrapServers();
        TopicProvisioner.ensureTopics(bootstrap, (short) 1);
        ingestor = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new StringSerializer(), new EventSerializer<>());
    }

    @AfterAll
    static void closeIngestor() {
        ingestor.close();
    }

    @AfterEach
    void stopAgents() {
        started.forEach(Agent::close);
    }

    /** Runs the command line on another thread, as a fake machine, with this text on standard input. */
    private CompletableFuture<Integer> run(String stdin, String... args) {
        AgentCli cli = new AgentCli(config -> {
            configs.add(config);
            Agent agent = Agent.start(config, FakeMachine::new);
            started.add(agent);
            return agent;
        }, FakeMachine::new, e -> new KeyPrompt(null,
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), e), false);
        return CompletableFuture.supplyAsync(() -> cli.execute(new PrintWriter(new StringWriter(), true),
                new PrintWriter(err, true), args));
    }

    @Test
    void unknown_key_ends_the_run_with_exit_code_3_and_the_servers_advice() throws Exception {
        ServerKey key = ServerKey.random();
        String advice = "Unknown server key " + key + ": add this server on the dashboard's Add Server page";
        try (TopicReader<MetricReport> reports = new TopicReader<>(bootstrap, Topics.METRICS, MetricReport.class)) {
            CompletableFuture<Integer> exit = run("", "--bootstrap", bootstrap, "--key", key.value(), "--key-file",
                    dir.resolve("agent.key").toString(), "--interval", "1s");
            reports.awaitEvents(ServerId.of(key), seen -> !seen.isEmpty());

            answer(key, false, advice);

            assertThat(exit.get(30, TimeUnit.SECONDS)).isEqualTo(AgentCli.EXIT_REFUSED);
            assertThat(err.toString()).contains("servmon-agent: the server refused this key: " + advice);
        }
    }

    @Test
    void a_server_removed_on_the_dashboard_ends_the_run_with_exit_code_5_and_forgets_its_key() throws Exception {
        ServerKey key = ServerKey.random();
        Path keyFile = dir.resolve("agent.key");
        try (TopicReader<MetricReport> reports = new TopicReader<>(bootstrap, Topics.METRICS, MetricReport.class)) {
            CompletableFuture<Integer> exit = run(key.value() + "\n", "--bootstrap", bootstrap, "--key-file",
                    keyFile.toString(), "--interval", "1s");
            reports.awaitEvents(ServerId.of(key), seen -> !seen.isEmpty());
            answer(key, true, "Welcome");
            await().atMost(Duration.ofSeconds(20)).until(() -> KeyFile.read(keyFile).isPresent());

            // the admin deletes the server: the wol-service passes the tombstone on, signed with the server's secret
            AgentControl removed = AgentControl.removed(ServerId.of(key), "server web-1 was removed from servmon",
                    Instant.now());
            var record = new ProducerRecord<>(Topics.AGENT_CONTROL.name(), removed.serverId().value(), removed);
            RecordSignature.sign(SigningSecret.of(key), record.topic(), record.key(), EventCodec.encode(removed),
                    record.headers());
            ingestor.send(record).get();

            assertThat(exit.get(30, TimeUnit.SECONDS)).isEqualTo(AgentCli.EXIT_REMOVED);
            assertThat(err.toString()).contains("servmon-agent: This server was removed from servmon by an admin",
                    "Add Server");
            assertThat(keyFile).doesNotExist();
        }
    }

    @Test
    void no_broker_ends_the_run_with_exit_code_4_after_the_timeout() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        CompletableFuture<Integer> exit = run("", "--bootstrap", "127.0.0.1:" + closedPort, "--key",
                ServerKey.random().value(), "--key-file", dir.resolve("agent.key").toString(), "--broker-timeout",
                "2s");

        assertThat(exit.get(60, TimeUnit.SECONDS)).isEqualTo(AgentCli.EXIT_NO_BROKER);
        assertThat(err.toString()).contains("servmon-agent: no Kafka broker at 127.0.0.1:" + closedPort
                + " answered within 2 s");
        assertThat(started).singleElement().satisfies(agent -> assertThat(agent.awaitStopped(Duration.ZERO)).isTrue());
    }

    @Test
    void a_piped_key_is_remembered_once_accepted_and_the_next_run_needs_no_key() throws Exception {
        ServerKey key = ServerKey.random();
        Path keyFile = dir.resolve("home/.servmon/agent.key");
        try (TopicReader<MetricReport> reports = new TopicReader<>(bootstrap, Topics.METRICS, MetricReport.class)) {
            CompletableFuture<Integer> first = run(key.value() + "\n", "--bootstrap", bootstrap, "--key-file",
                    keyFile.toString(), "--interval", "1s");
            reports.awaitEvents(ServerId.of(key), seen -> !seen.isEmpty());
            answer(key, true, "Welcome");
            await().atMost(Duration.ofSeconds(20)).until(() -> KeyFile.read(keyFile).isPresent());
            assertThat(KeyFile.read(keyFile)).contains(key);
            started.getFirst().close();
            assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(AgentCli.EXIT_OK);
            err.getBuffer().setLength(0);

            // nothing on standard input, no --key: the remembered key
            CompletableFuture<Integer> second = run("", "--bootstrap", bootstrap, "--key-file", keyFile.toString(),
                    "--interval", "1s");
            await().atMost(Duration.ofSeconds(20)).until(() -> configs.size() == 2);
            assertThat(configs.get(1).key()).isEqualTo(key);
            int before = reports.eventsFor(ServerId.of(key)).size();
            reports.awaitEvents(ServerId.of(key), seen -> seen.size() > before);
            assertThat(err.toString()).doesNotContain("standard input");
            started.get(1).close();
            assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo(AgentCli.EXIT_OK);
        }
    }

    @Test
    void reports_carry_the_watts_of_the_sensor_found_under_sysfs_with_its_source() throws Exception {
        ServerKey key = ServerKey.random();
        FakeSysfs sysfs = new FakeSysfs(dir.resolve("sys")).hwmon("hwmon1", "power_meter", "power1_average",
                190_500_000);
        try (TopicReader<MetricReport> reports = new TopicReader<>(bootstrap, Topics.METRICS, MetricReport.class)) {
            run("", "--bootstrap", bootstrap, "--key", key.value(), "--key-file", dir.resolve("agent.key").toString(),
                    "--interval", "1s", "--sysfs", sysfs.root().toString(), "--ipmitool", "servmon-no-such-ipmitool");

            MetricReport first = reports.awaitEvents(ServerId.of(key), seen -> !seen.isEmpty()).getFirst();

            assertThat(first.powerSource()).isEqualTo(PowerSource.HWMON);
            assertThat(first.powerW()).isEqualTo(190.5);
        }
    }

    /** As the ingestor answers: an acceptance signed with the server's secret; a refusal cannot be (no key known). */
    private static void answer(ServerKey key, boolean accepted, String message) throws Exception {
        ServerId id = ServerId.of(key);
        AgentControl reply = AgentControl.enrollReply(id, accepted, message, Instant.now());
        var record = new ProducerRecord<>(Topics.AGENT_CONTROL.name(), id.value(), reply);
        if (accepted) {
            RecordSignature.sign(SigningSecret.of(key), record.topic(), record.key(), EventCodec.encode(reply),
                    record.headers());
        }
        ingestor.send(record).get();
    }
}
