package servmon.statemonitor;

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
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import servmon.events.EventCodec;
import servmon.events.EventSerializer;
import servmon.events.ServerId;
import servmon.events.ServerState;
import servmon.events.ServerStateChanged;
import servmon.events.ServmonEvent;
import servmon.events.Topics;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The broker frozen for 70 s (SIGSTOP of its process) while the servers keep reporting: the monitor sees no input
 * at all, and must not take that for the servers' silence. One server that really stopped before the pause is OFF
 * after it, which shows the monitor still judges silence.
 */
class BrokerPauseTest {

    private static final int SERVERS = 20;
    private static final Duration PAUSE = Duration.ofSeconds(70);

    private final List<ServerStateChanged> changes = new CopyOnWriteArrayList<>();

    @Test
    void a_seventy_second_broker_pause_turns_no_reporting_server_off(@TempDir Path dir) throws Exception {
        List<ServerId> reporting = IntStream.range(0, SERVERS).mapToObj(i -> ServerId.random()).toList();
        ServerId quitter = ServerId.random();
        Set<ServerId> sending = ConcurrentHashMap.newKeySet();
        sending.addAll(reporting);
        sending.add(quitter);
        ScheduledExecutorService agents = Executors.newSingleThreadScheduledExecutor();
        try (BrokerProcess broker = BrokerProcess.start(dir.resolve("kafka"));
             ConfigurableApplicationContext monitor = StateMonitorApplication.builder().run(
                     "--spring.kafka.bootstrap-servers=" + broker.bootstrapServers(),
                     "--spring.kafka.streams.state-dir=" + dir.resolve("streams"),
                     "--server.port=0");
             var producer = new KafkaProducer<>(Map.<String, Object>of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                     ProducerConfig.LINGER_MS_CONFIG, 0,
                     // agents ride out the pause: their reports wait in the client and arrive late, none is lost
                     ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 300_000,
                     ProducerConfig.MAX_BLOCK_MS_CONFIG, 300_000),
                     new StringSerializer(), new EventSerializer<ServmonEvent>());
             var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                     ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                     ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                     new StringDeserializer(), new ByteArrayDeserializer())) {

            StateMonitorStreams streams = monitor.getBean(StateMonitorStreams.class);
            await().atMost(Duration.ofSeconds(90)).until(() -> streams.state() == KafkaStreams.State.RUNNING);
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.SERVER_STATE.name()).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);

            for (ServerId server : sending) {
                producer.send(new ProducerRecord<>(Topics.SERVERS.name(), server.value(), Events.registration(server)));
            }
            producer.flush();
            // every server reports each second, as agents do, whether the broker answers or not
            agents.scheduleAtFixedRate(() -> {
                for (ServerId server : sending) {
                    producer.send(Events.signed(null, Events.report(server, 1, "boot-1", Instant.now())));
                }
            }, 0, 1, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(60)).pollDelay(Duration.ZERO)
                    .until(() -> onNow(consumer).size() == SERVERS + 1);

            sending.remove(quitter);
            broker.freeze();
            Thread.sleep(PAUSE.toMillis());
            broker.thaw();

            await().atMost(Duration.ofSeconds(120)).pollDelay(Duration.ZERO).until(() -> {
                read(consumer);
                return last(quitter) == ServerState.OFF;
            });
            // and a while longer, for any late OFF the backlog might bring
            Instant until = Instant.now().plusSeconds(10);
            while (Instant.now().isBefore(until)) {
                read(consumer);
            }
            assertThat(changes).filteredOn(change -> reporting.contains(change.serverId()))
                    .noneMatch(change -> change.state() == ServerState.OFF);
            assertThat(reporting).allMatch(server -> last(server) == ServerState.ON);
        } finally {
            agents.shutdownNow();
        }
    }

    private Set<ServerId> onNow(KafkaConsumer<String, byte[]> consumer) throws Exception {
        read(consumer);
        Set<ServerId> on = ConcurrentHashMap.newKeySet();
        changes.stream().map(ServerStateChanged::serverId).distinct()
                .filter(server -> last(server) == ServerState.ON).forEach(on::add);
        return on;
    }

    private void read(KafkaConsumer<String, byte[]> consumer) throws Exception {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
            if (record.value() != null) {
                changes.add(EventCodec.decode(record.value(), ServerStateChanged.class));
            }
        }
    }

    private ServerState last(ServerId server) {
        return changes.stream().filter(change -> change.serverId().equals(server)).reduce((a, b) -> b)
                .map(ServerStateChanged::state).orElse(null);
    }
}
