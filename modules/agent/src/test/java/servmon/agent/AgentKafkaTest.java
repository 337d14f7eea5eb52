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
import servmon.events.ServerKey;
import servmon.events.ServmonEvent;
import servmon.events.TopicProvisioner;
import servmon.events.Topics;

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
    void agent_publishes_reports_keyed_by_its_key_every_interval() {
        ServerKey key = ServerKey.random();
        try (MetricsReader metrics = new MetricsReader();
             Agent agent = Agent.start(AgentConfig.of(bootstrap, key, ONE_SECOND, dir.resolve("agent.key")))) {

            List<ConsumerRecord<String, byte[]>> records = metrics.awaitRecords(key, 6);

            assertThat(records).extracting(ConsumerRecord::key).containsOnly(key.value());
            List<MetricReport> reports = records.subList(0, 6).stream().map(AgentKafkaTest::decode).toList();
            assertThat(reports).extracting(MetricReport::seq).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
            assertThat(reports).allSatisfy(report -> {
                assertThat(report.serverKey()).isEqualTo(key);
                assertThat(report.intervalS()).isEqualTo(1);
                assertThat(report.bootId()).isNotBlank();
                assertThat(report.cpuPct()).isBetween(0.0, 100.0);
                assertThat(report.powerSource()).isEqualTo(PowerSource.ESTIMATE);
                assertThat(report.powerW()).isPositive();
                assertThat(report.memTotalBytes()).isPositive();
            });
            // the first ticks may bunch up behind the one that loads OSHI; later ones keep the pace
            Duration spread = Duration.between(reports.get(2).sampledAt(), reports.get(5).sampledAt());
            assertThat(spread).isBetween(Duration.ofMillis(2_000), Duration.ofMillis(5_000));
        }
    }

    @Test
    void refused_key_stops_the_agent_with_the_servers_advice() throws Exception {
        ServerKey key = ServerKey.random();
        Path keyFile = dir.resolve("agent.key");
        KeyFile.save(keyFile, key);  // remembered from before the server was deleted on the dashboard
        String advice = "Unknown server key " + key + ": add this server on the dashboard's Add Server page";
        try (MetricsReader metrics = new MetricsReader();
             Agent agent = Agent.start(AgentConfig.of(bootstrap, key, ONE_SECOND, keyFile))) {
            MetricReport first = decode(metrics.awaitRecords(key, 1).getFirst());
            assertThat(first.seq()).isZero();

            answer(key, false, advice);

            AgentControl reply = await().atMost(Duration.ofSeconds(10)).until(() -> agent.enrollment().getNow(null),
                    answer -> answer != null);
            assertThat(reply.accepted()).isFalse();
            assertThat(reply.message()).isEqualTo(advice);
            assertThat(Enrollment.messageOf(reply)).isEqualTo(advice);
            assertThat(agent.awaitStopped(Duration.ofSeconds(5))).isTrue();
            assertThat(keyFile).doesNotExist();
            // Reports sent before the stop may still be on their way to the reader (a loaded machine); after them,
            // none for three intervals in a row. An agent still reporting every second never gets there.
            int[] seen = {-1};
            await().pollInSameThread().pollInterval(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(20)).until(() -> {
                int now = metrics.recordsFor(key).size();
                boolean quiet = now == seen[0];
                seen[0] = now;
                return quiet;
            });
        }
    }

    @Test
    void accepted_key_is_remembered() throws Exception {
        ServerKey key = ServerKey.random();
        Path keyFile = dir.resolve("home/.servmon/agent.key");
        try (MetricsReader metrics = new MetricsReader();
             Agent agent = Agent.start(AgentConfig.of(bootstrap, key, ONE_SECOND, keyFile))) {
            metrics.awaitRecords(key, 1);
            assertThat(keyFile).doesNotExist();

            answer(key, true, "Welcome");

            AgentControl reply = await().atMost(Duration.ofSeconds(10)).until(() -> agent.enrollment().getNow(null),
                    answer -> answer != null);
            assertThat(reply.accepted()).isTrue();
            assertThat(KeyFile.read(keyFile)).contains(key);
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
    void answer_for_another_key_on_the_same_partition_is_ignored() throws Exception {
        ServerKey key = ServerKey.random();
        ServerKey neighbour = neighbourOf(key);
        Path keyFile = dir.resolve("agent.key");
        try (MetricsReader metrics = new MetricsReader();
             Agent agent = Agent.start(AgentConfig.of(bootstrap, key, ONE_SECOND, keyFile))) {
            metrics.awaitRecords(key, 1);

            answer(neighbour, false, "Unknown server key");
            answer(key, true, "Welcome");

            AgentControl reply = await().atMost(Duration.ofSeconds(10)).until(() -> agent.enrollment().getNow(null),
                    answer -> answer != null);
            assertThat(reply.serverKey()).isEqualTo(key);
            assertThat(reply.accepted()).isTrue();
            assertThat(agent.awaitStopped(Duration.ZERO)).isFalse();
        }
    }

    private static ServerKey neighbourOf(ServerKey key) {
        int partition = ControlPartition.of(key, Topics.AGENT_CONTROL.partitions());
        return IntStream.range(0, 1_000).mapToObj(i -> ServerKey.random())
                .filter(other -> ControlPartition.of(other, Topics.AGENT_CONTROL.partitions()) == partition)
                .findFirst().orElseThrow();
    }

    private static void answer(ServerKey key, boolean accepted, String message) throws Exception {
        AgentControl reply = AgentControl.enrollReply(key, accepted, message, Instant.now());
        ingestor.send(new ProducerRecord<>(Topics.AGENT_CONTROL.name(), key.value(), reply)).get();
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

        List<ConsumerRecord<String, byte[]>> awaitRecords(ServerKey key, int count) {
            return await().pollInSameThread().atMost(Duration.ofSeconds(30))
                    .until(() -> recordsFor(key), records -> records.size() >= count);
        }

        List<ConsumerRecord<String, byte[]>> recordsFor(ServerKey key) {
            consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
            return seen.stream().filter(record -> key.value().equals(record.key())).toList();
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}
