package servmon.agent;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import servmon.embedded.EmbeddedKafkaBroker;
import servmon.events.AgentControl;
import servmon.events.EventCodec;
import servmon.events.EventSerializer;
import servmon.events.InvalidEventException;
import servmon.events.MetricReport;
import servmon.events.PowerSource;
import servmon.events.RecordSignature;
import servmon.events.ServerId;
import servmon.events.ServerKey;
import servmon.events.SigningSecret;
import servmon.events.ServmonEvent;
import servmon.events.TopicProvisioner;
import servmon.events.Topics;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The agent against a real Kafka broker; the test plays the ingestor where an answer is needed. */
class AgentKafkaTest {

    private static final Duration ONE_SECOND = Duration.ofSeconds(1);
    private static String bootstrap;
    private static KafkaProducer<String, AgentControl> ingestor;

    @TempDir
    Path dir;

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

    @Test
    void agent_publishes_signed_reports_keyed_by_its_public_id_every_interval() {
        ServerKey secretKey = ServerKey.random();
        ServerId key = ServerId.of(secretKey);
        try (MetricsReader metrics = new MetricsReader();
             Agent agent = Agent.start(AgentConfig.of(bootstrap, secretKey, ONE_SECOND, dir.resolve("agent.key")))) {

            List<ConsumerRecord<String, byte[]>> records = metrics.awaitRecords(key, 6);

            assertThat(records).extracting(ConsumerRecord::key).containsOnly(key.value());
            assertThat(records).allSatisfy(record -> {
                assertThat(RecordSignature.isValid(SigningSecret.of(secretKey), record.topic(), record.key(),
                        record.value(), record.headers())).isTrue();
                assertThat(new String(record.value(), StandardCharsets.UTF_8)).doesNotContain(secretKey.value());
            });
            List<MetricReport> reports = records.subList(0, 6).stream().map(AgentKafkaTest::decode).toList();
            assertThat(reports).extracting(MetricReport::seq).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
            assertThat(reports).allSatisfy(report -> {
                assertThat(report.serverId()).isEqualTo(key);
                assertThat(report.intervalS()).isEqualTo(1);
                assertThat(report.bootId()).isNotBlank();
                assertThat(report.cpuPct()).isBetween(0.0, 100.0);
                assertThat(report.powerSource()).isEqualTo(PowerSource.ESTIMATE);
                assertThat(report.powerW()).isPositive();
                assertThat(report.memTotalBytes()).isPositive();
            });
            // Ticks run at a fixed rate: after a stall (the first tick loads OSHI; a loaded machine) the missed ones
            // run back to back, so only the order and an upper bound on the pace can be asserted here
            assertThat(reports).extracting(MetricReport::sampledAt).isSorted().doesNotHaveDuplicates();
            Duration spread = Duration.between(reports.get(2).sampledAt(), reports.get(5).sampledAt());
            assertThat(spread).isLessThan(Duration.ofSeconds(10));
        }
    }

    @Test
    void refused_new_key_stops_the_agent_with_the_servers_advice() throws Exception {
        ServerKey secretKey = ServerKey.random();
        ServerId key = ServerId.of(secretKey);
        Path keyFile = dir.resolve("agent.key");
        String advice = "Unknown server " + key + ": add this server on the dashboard's Add Server page";
        try (MetricsReader metrics = new MetricsReader();
             Agent agent = Agent.start(AgentConfig.of(bootstrap, secretKey, ONE_SECOND, keyFile))) {
            MetricReport first = decode(metrics.awaitRecords(key, 1).getFirst());
            assertThat(first.seq()).isZero();

            answer(key, false, advice, null);  // the ingestor cannot sign a refusal: it does not know the key

            AgentControl reply = await().atMost(Duration.ofSeconds(10)).until(() -> agent.enrollment().getNow(null),
                    answer -> answer != null);
            assertThat(reply.accepted()).isFalse();
            assertThat(reply.message()).isEqualTo(advice);
            assertThat(Enrollment.messageOf(reply)).isEqualTo(advice);
            assertThat(agent.awaitStopped(Duration.ofSeconds(5))).isTrue();
            assertThat(keyFile).doesNotExist();
            NoMoreReports.await(() -> metrics.recordsFor(key).size());
        }
    }

    @Test
    void forged_refusal_of_an_enrolled_agent_is_ignored_and_its_key_kept() throws Exception {
        ServerKey secretKey = ServerKey.random();
        ServerId key = ServerId.of(secretKey);
        Path keyFile = dir.resolve("agent.key");
        KeyFile.save(keyFile, secretKey);  // accepted before
        try (MetricsReader metrics = new MetricsReader();
             Agent agent = Agent.start(AgentConfig.of(bootstrap, secretKey, ONE_SECOND, keyFile))) {
            metrics.awaitRecords(key, 1);

            answer(key, false, "Unknown server", null);
            answer(key, false, "Unknown server", SigningSecret.of(ServerKey.random()));

            int reports = metrics.recordsFor(key).size();
            metrics.awaitRecords(key, reports + 3);
            assertThat(agent.awaitStopped(Duration.ZERO)).isFalse();
            assertThat(agent.enrollment()).isNotDone();
            assertThat(KeyFile.read(keyFile)).contains(secretKey);
        }
    }

    @Test
    void forged_acceptance_is_ignored_and_a_signed_one_counts() throws Exception {
        ServerKey secretKey = ServerKey.random();
        ServerId key = ServerId.of(secretKey);
        Path keyFile = dir.resolve("agent.key");
        try (MetricsReader metrics = new MetricsReader();
             Agent agent = Agent.start(AgentConfig.of(bootstrap, secretKey, ONE_SECOND, keyFile))) {
            metrics.awaitRecords(key, 1);

            answer(key, true, "Welcome", SigningSecret.of(ServerKey.random()));
            int reports = metrics.recordsFor(key).size();
            metrics.awaitRecords(key, reports + 2);
            assertThat(agent.enrollment()).isNotDone();
            assertThat(keyFile).doesNotExist();

            answer(key, true, "Welcome", SigningSecret.of(secretKey));
            await().atMost(Duration.ofSeconds(10)).until(() -> agent.enrollment().isDone());
            assertThat(KeyFile.read(keyFile)).contains(secretKey);
        }
    }

    @Test
    void accepted_key_is_remembered() throws Exception {
        ServerKey secretKey = ServerKey.random();
        ServerId key = ServerId.of(secretKey);
        Path keyFile = dir.resolve("home/.servmon/agent.key");
        try (MetricsReader metrics = new MetricsReader();
             Agent agent = Agent.start(AgentConfig.of(bootstrap, secretKey, ONE_SECOND, keyFile))) {
            metrics.awaitRecords(key, 1);
            assertThat(keyFile).doesNotExist();

            answer(key, true, "Welcome", SigningSecret.of(secretKey));

            AgentControl reply = await().atMost(Duration.ofSeconds(10)).until(() -> agent.enrollment().getNow(null),
                    answer -> answer != null);
            assertThat(reply.accepted()).isTrue();
            assertThat(KeyFile.read(keyFile)).contains(secretKey);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile.getParent())))
                    .isEqualTo("rwx------");
            // and it carries on reporting
            int reportsAtAcceptance = metrics.recordsFor(key).size();
            metrics.awaitRecords(key, reportsAtAcceptance + 2);
            assertThat(agent.awaitStopped(Duration.ZERO)).isFalse();
        }
    }

    @Test
    void answer_for_another_server_on_the_same_partition_is_ignored() throws Exception {
        ServerKey secretKey = ServerKey.random();
        ServerId key = ServerId.of(secretKey);
        ServerId neighbour = neighbourOf(key);
        Path keyFile = dir.resolve("agent.key");
        try (MetricsReader metrics = new MetricsReader();
             Agent agent = Agent.start(AgentConfig.of(bootstrap, secretKey, ONE_SECOND, keyFile))) {
            metrics.awaitRecords(key, 1);

            answer(neighbour, false, "Unknown server", null);
            answer(key, true, "Welcome", SigningSecret.of(secretKey));

            AgentControl reply = await().atMost(Duration.ofSeconds(10)).until(() -> agent.enrollment().getNow(null),
                    answer -> answer != null);
            assertThat(reply.serverId()).isEqualTo(key);
            assertThat(reply.accepted()).isTrue();
            assertThat(agent.awaitStopped(Duration.ZERO)).isFalse();
        }
    }

    private static ServerId neighbourOf(ServerId key) {
        int partition = ControlPartition.of(key, Topics.AGENT_CONTROL.partitions());
        return IntStream.range(0, 1_000).mapToObj(i -> ServerId.random())
                .filter(other -> ControlPartition.of(other, Topics.AGENT_CONTROL.partitions()) == partition)
                .findFirst().orElseThrow();
    }

    /** @param signer what the ingestor signs with; null for an unsigned answer */
    private static void answer(ServerId key, boolean accepted, String message, SigningSecret signer)
            throws Exception {
        AgentControl reply = AgentControl.enrollReply(key, accepted, message, Instant.now());
        var record = new ProducerRecord<>(Topics.AGENT_CONTROL.name(), key.value(), reply);
        if (signer != null) {
            RecordSignature.sign(signer, record.topic(), record.key(), EventCodec.encode(reply), record.headers());
        }
        ingestor.send(record).get();
    }

    private static MetricReport decode(ConsumerRecord<String, byte[]> record) {
        try {
            return EventCodec.decode(record.value(), MetricReport.class);
        } catch (InvalidEventException e) {
            throw new AssertionError("the agent published an invalid report: " + e.getMessage(), e);
        }
    }

    /** Reads the whole metrics topic, as the ingestor would, and keeps what it saw. */
    private static final class MetricsReader implements AutoCloseable {

        private final KafkaConsumer<String, byte[]> consumer;
        private final List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();

        MetricsReader() {
            consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(),
                    new ByteArrayDeserializer());
            List<TopicPartition> partitions = IntStream.range(0, Topics.METRICS.partitions())
                    .mapToObj(p -> new TopicPartition(Topics.METRICS.name(), p)).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }

        List<ConsumerRecord<String, byte[]>> awaitRecords(ServerId key, int count) {
            return await().pollInSameThread().atMost(Duration.ofSeconds(30))
                    .until(() -> recordsFor(key), records -> records.size() >= count);
        }

        List<ConsumerRecord<String, byte[]>> recordsFor(ServerId key) {
            consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
            return seen.stream().filter(record -> key.value().equals(record.key())).toList();
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}
