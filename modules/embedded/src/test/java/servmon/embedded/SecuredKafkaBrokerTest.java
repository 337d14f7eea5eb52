package servmon.embedded;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
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

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The secured mode: no login, no data; a login without ACLs, no data either; the super user may do anything. */
class SecuredKafkaBrokerTest {

    private static final String TOPIC = "secret-topic";
    private static final String ADMIN_PASSWORD = "admin-test-password";

    private static Path dir;
    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void startBrokerWithOneRecord() throws Exception {
        dir = Files.createTempDirectory("servmon-secured-kafka-");
        broker = EmbeddedKafkaBroker.startSecured(dir, 0, 0, ADMIN_PASSWORD);
        try (Admin admin = Admin.create(broker.adminProperties())) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion("nobody-granted",
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_256, 8192), "right-password"))).all().get();
        }
        try (var producer = new KafkaProducer<>(broker.adminProperties(), new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(TOPIC, "server-key", "the registry's secret")).get();
        }
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void a_client_without_credentials_reads_nothing() {
        Map<String, Object> anonymous = Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        assertThat(readFromStart(anonymous)).isEmpty();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000))) {
            assertThatThrownBy(() -> admin.listTopics().names().get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class);
        }
    }

    @Test
    void a_wrong_password_is_refused_at_login() {
        Map<String, Object> props = client("nobody-granted", "wrong-password");
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            assertThatThrownBy(() -> consumer.partitionsFor(TOPIC, Duration.ofSeconds(20)))
                    .isInstanceOf(SaslAuthenticationException.class);
        }
    }

    @Test
    void a_user_without_acls_may_neither_read_nor_write() {
        Map<String, Object> props = client("nobody-granted", "right-password");
        // the SCRAM user reaches the broker's credential cache through the metadata log: wait for it
        await().atMost(Duration.ofSeconds(30)).ignoreExceptionsInstanceOf(SaslAuthenticationException.class)
                .untilAsserted(() -> {
                    try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
                        consumer.assign(List.of(new TopicPartition(TOPIC, 0)));
                        consumer.seekToBeginning(List.of(new TopicPartition(TOPIC, 0)));
                        assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(10)))
                                .isInstanceOf(TopicAuthorizationException.class);
                    }
                });
        try (var producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(TOPIC, "k", "forged")).get(20, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void the_super_user_reads_what_was_written_and_the_folder_is_the_owners_only() throws Exception {
        assertThat(readFromStart(broker.adminProperties())).containsExactly("the registry's secret");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("server.properties"))))
                .isEqualTo("rw-------");
    }

    private static Map<String, Object> client(String user, String password) {
        Map<String, Object> props = new HashMap<>(EmbeddedKafkaBroker.scramClientProperties(user, password));
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        return props;
    }

    /** Everything on the topic, read for a few seconds without a consumer group. */
    private static List<String> readFromStart(Map<String, Object> props) {
        Map<String, Object> consumerProps = new HashMap<>(props);
        consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> values = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(consumerProps, new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(List.of(new TopicPartition(TOPIC, 0)));
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (values.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> values.add(record.value()));
            }
        }
        return values;
    }
}
