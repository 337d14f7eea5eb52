package servmon.standalone.kafka;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import servmon.agent.KafkaClientSettings;
import servmon.events.TopicSpec;
import servmon.events.Topics;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The locked broker of {@code ./servmon run} under attack: without a login nothing, with an agent's login only what
 * an agent needs, with a waker's only wake commands. (That each service's login is enough for the service is shown
 * by the end-to-end tests, which run the whole system on this broker.)
 */
class LockedKafkaTest {

    private static final String REGISTRY_SECRET = "{\"v\":1,\"serverId\":1,\"name\":\"db-1\"}";

    private static Path home;
    private static LockedKafka kafka;

    @BeforeAll
    static void startWithARegisteredServer() throws Exception {
        home = Files.createTempDirectory("servmon-locked-");
        kafka = LockedKafka.start(home, 0, 0);
        send(kafka.credentials().login(KafkaRole.DASHBOARD).clientProperties(), Topics.SERVERS, REGISTRY_SECRET);
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    @Test
    void a_client_without_credentials_reads_nothing() {
        assertThat(readAll(Map.of(), Topics.SERVERS)).isEmpty();
    }

    @Test
    void the_registry_is_there_for_those_who_may_read_it() {
        assertThat(readAll(kafka.credentials().login(KafkaRole.WOL_SERVICE).clientProperties(), Topics.SERVERS))
                .containsExactly(REGISTRY_SECRET);
    }

    @Test
    void an_agent_may_report_but_not_read_the_registry_nor_write_anything_else() throws Exception {
        Map<String, String> agent = kafka.credentials().login(KafkaRole.AGENT).clientProperties();
        send(agent, Topics.METRICS, "{\"v\":1}");
        send(agent, Topics.AGENT_REPLIES, "{\"v\":1}");
        assertThatThrownBy(() -> readAll(agent, Topics.SERVERS)).isInstanceOf(TopicAuthorizationException.class);
        assertThatThrownBy(() -> readAll(agent, Topics.SERVER_STATE)).isInstanceOf(TopicAuthorizationException.class);
        assertThatThrownBy(() -> readAll(agent, Topics.METRICS)).isInstanceOf(TopicAuthorizationException.class);
        for (TopicSpec forbidden : List.of(Topics.WAKE_COMMANDS, Topics.SERVERS, Topics.SERVER_STATE,
                Topics.AGENT_CONTROL, Topics.SLEEP_COMMANDS, Topics.METRICS_DLT)) {
            assertThatThrownBy(() -> send(agent, forbidden, "{\"v\":1}"))
                    .as("agent writes %s", forbidden.name()).hasCauseInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void a_waker_added_on_the_command_line_may_publish_wake_commands_only() throws Exception {
        StringWriter out = new StringWriter();
        int exit = CredentialsCommand.execute(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true),
                Map.of(), "add-waker", "ci", "--home", home.toString(), "--kafka", kafka.bootstrapServers());
        assertThat(exit).isZero();
        Path file = kafka.credentials().fileOf("waker-ci");
        assertThat(out.toString()).contains("It works now").contains(file.toString())
                .contains(Files.readString(file).lines().filter(line -> line.startsWith("sasl.jaas.config")).findFirst()
                        .orElseThrow());
        // the printed settings, as another system would use them: the file Kafka's tools take
        Map<String, String> waker = KafkaClientSettings.read(file);
        send(waker, Topics.WAKE_COMMANDS, "{\"v\":1}");
        assertThatThrownBy(() -> send(waker, Topics.METRICS, "{\"v\":1}"))
                .hasCauseInstanceOf(TopicAuthorizationException.class);
        assertThatThrownBy(() -> send(waker, Topics.SLEEP_COMMANDS, "{\"v\":1}"))
                .hasCauseInstanceOf(TopicAuthorizationException.class);
        assertThatThrownBy(() -> readAll(waker, Topics.WAKE_COMMANDS)).isInstanceOf(TopicAuthorizationException.class);
        assertThatThrownBy(() -> readAll(waker, Topics.SERVERS)).isInstanceOf(TopicAuthorizationException.class);
    }

    @Test
    void a_removed_login_can_no_longer_log_in() throws Exception {
        StringWriter ignored = new StringWriter();
        assertThat(CredentialsCommand.execute(new PrintWriter(ignored, true), new PrintWriter(ignored, true), Map.of(),
                "add-agent", "rack-9", "--home", home.toString(), "--kafka", kafka.bootstrapServers())).isZero();
        Map<String, String> rack = KafkaClientSettings.read(kafka.credentials().fileOf("agent-rack-9"));
        send(rack, Topics.METRICS, "{\"v\":1}");

        assertThat(CredentialsCommand.execute(new PrintWriter(ignored, true), new PrintWriter(ignored, true), Map.of(),
                "remove", "agent-rack-9", "--home", home.toString(), "--kafka", kafka.bootstrapServers())).isZero();
        assertThat(kafka.credentials().fileOf("agent-rack-9")).doesNotExist();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThatThrownBy(() ->
                send(rack, Topics.METRICS, "{\"v\":1}")).hasCauseInstanceOf(SaslAuthenticationException.class));
    }

    @Test
    void logins_are_kept_for_the_owner_only_and_the_same_across_starts() throws Exception {
        Path folder = home.resolve(KafkaCredentials.FOLDER);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).isEqualTo("rwx------");
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.toList()) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                        .as(file.toString()).isEqualTo("rw-------");
            }
        }
        assertThat(KafkaCredentials.open(folder).login(KafkaRole.AGENT))
                .isEqualTo(kafka.credentials().login(KafkaRole.AGENT));
        assertThat(kafka.credentials().login(KafkaRole.AGENT).toString()).doesNotContain(
                kafka.credentials().login(KafkaRole.AGENT).password());
    }

    private static void send(Map<String, String> login, TopicSpec topic, String value) throws Exception {
        Map<String, Object> props = client(login);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        try (var producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic.name(), "server-1", value)).get(20, TimeUnit.SECONDS);
        }
    }

    /** Every record of the topic's partitions, read for up to five seconds; an authorization error is thrown. */
    private static List<String> readAll(Map<String, String> login, TopicSpec topic) {
        Map<String, Object> props = client(login);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> values = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (int p = 0; p < Topics.PARTITIONS; p++) {
                partitions.add(new TopicPartition(topic.name(), p));
            }
            consumer.assign(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (values.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> values.add(record.value()));
            }
        }
        return values;
    }

    private static Map<String, Object> client(Map<String, String> login) {
        Map<String, Object> props = new HashMap<>(login);
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        return props;
    }
}
