package servmon.agent;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import servmon.events.SigningSecret;
import servmon.events.ServerId;
import servmon.agent.spool.ReportSpool;
import servmon.events.EventLimits;
import servmon.events.MetricReport;
import servmon.events.NetInterface;
import servmon.events.PowerSource;
import servmon.events.ServerKey;
import servmon.events.ServmonEvent;
import servmon.events.Topics;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The publisher with a real producer, a real spool and a real broker that the test stops and starts: the cases an
 * agent cannot be made to produce on demand (a full spool, a report the broker finds too large).
 */
class ReportPublisherKafkaTest {

    private static final Duration LONG = Duration.ofSeconds(120);

    @TempDir
    Path dir;
    private final ServerKey key = ServerKey.random();
    private final Random random = new Random(42);
    private RestartableBroker broker;
    private ReportPublisher publisher;

    @BeforeEach
    void start() throws Exception {
        broker = RestartableBroker.start(dir.resolve("kafka"));
        AgentConfig config = AgentConfig.of(broker.bootstrapServers(), key, Duration.ofSeconds(1),
                dir.resolve("agent.key")).withKafkaProperties(Map.of("delivery.timeout.ms", "6000",
                "request.timeout.ms", "3000"));
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Agent.producerProperties(config),
                new StringSerializer(), new ByteArraySerializer());
        publisher = new ReportPublisher(producer, new BrokerHealth(broker.bootstrapServers()), ServerId.of(key).value(),
                SigningSecret.of(key), 1_000,
                Duration.ofSeconds(2), ReportSpool.open(dir.resolve("spool"), ReportSpool.MIN_MAX_BYTES)).start();
        publisher.release();
    }

    @AfterEach
    void stop() {
        publisher.close();
        broker.close();
    }

    @Test
    void a_full_spool_drops_the_oldest_reports_and_counts_them() {
        for (long seq = 0; seq < 3; seq++) {
            publisher.publish(report(seq, false));
        }
        awaitSeqs(seqs -> seqs.size() == 3);

        broker.stop();
        publisher.publish(report(3, true));
        await().atMost(LONG).until(() -> publisher.spooledCount() >= 1);  // Kafka found away: from now on, the disk
        int last = 59;
        for (long seq = 4; seq <= last; seq++) {  // ~18 KB each: a 256 KiB spool holds a dozen
            publisher.publish(report(seq, true));
        }
        await().atMost(LONG).until(() -> publisher.waitingCount() == 0);
        broker.restart();

        List<Long> seqs = awaitSeqs(seen -> !seen.isEmpty() && seen.getLast() == last);
        long dropped = await().atMost(LONG).until(publisher::droppedForRoom, count -> count > 0);
        List<Long> afterGap = new ArrayList<>(seqs.subList(3, seqs.size()));
        // Report 3 was still in the producer when the stall sent it to the spool as well: the producer delivers its
        // own copy when Kafka is back before the copy's delivery timeout, so it may come ahead of the gap.
        if (afterGap.size() > 1 && afterGap.getFirst() == 3L && afterGap.get(1) != 4L) {
            afterGap.removeFirst();
        }
        assertThat(seqs.subList(0, 3)).containsExactly(0L, 1L, 2L);
        assertThat(afterGap).as("the newest kept, in order")
                .containsExactlyElementsOf(AgentSpoolKafkaTest.range(afterGap.getFirst(), last + 1));
        assertThat(afterGap.getFirst()).as("the oldest were dropped").isGreaterThan(3L);
        assertThat(dropped).as("and counted").isEqualTo(afterGap.getFirst() - 3);
    }

    @Test
    void a_report_too_large_for_the_broker_is_dropped_and_the_ones_behind_it_go_out() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers()))) {
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, Topics.METRICS.name());
            admin.incrementalAlterConfigs(Map.of(topic, List.of(new AlterConfigOp(
                    new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, "8192"), AlterConfigOp.OpType.SET))))
                    .all().get();
            // the broker applies it once it has read the change from the metadata log
            await().atMost(LONG).until(() -> admin.describeConfigs(List.of(topic)).all().get().get(topic)
                    .get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG).value().equals("8192"));
        }
        publisher.publish(report(0, false));
        awaitSeqs(seqs -> seqs.contains(0L));
        publisher.publish(report(1, true));
        publisher.publish(report(2, false));
        awaitSeqs(seqs -> seqs.contains(2L));

        broker.stop();
        publisher.publish(report(3, false));
        await().atMost(LONG).until(() -> publisher.spooledCount() >= 1);
        publisher.publish(report(4, true));
        publisher.publish(report(5, false));
        broker.restart();

        List<Long> seqs = awaitSeqs(seen -> seen.contains(5L));
        assertThat(seqs).as("sent straight and sent from the spool alike").containsExactly(0L, 2L, 3L, 5L);
    }

    private List<Long> awaitSeqs(java.util.function.Predicate<List<Long>> condition) {
        try (TopicReader<MetricReport> metrics =
                     new TopicReader<>(broker.bootstrapServers(), Topics.METRICS, MetricReport.class)) {
            return await().pollInSameThread().atMost(LONG)
                    .until(() -> metrics.eventsFor(ServerId.of(key)).stream().map(MetricReport::seq).toList(), condition);
        }
    }

    /** @param large 64 interfaces with random names: about 18 KB that compression cannot shrink much */
    private MetricReport report(long seq, boolean large) {
        List<NetInterface> nics = new ArrayList<>();
        for (int i = 0; large && i < EventLimits.MAX_INTERFACES; i++) {
            nics.add(new NetInterface(text(), text(), text(), text(), false));
        }
        return new MetricReport(ServmonEvent.VERSION, ServerId.of(key), Instant.now(), seq, 1, "boot", "host", 12.5,
                10.0,
                PowerSource.ESTIMATE, 0, null, null, null, null, null, null, null, null, null, nics);
    }

    private String text() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < EventLimits.MAX_TOKEN_CHARS; i++) {
            text.append((char) ('!' + random.nextInt(94)));
        }
        return text.toString();
    }
}
