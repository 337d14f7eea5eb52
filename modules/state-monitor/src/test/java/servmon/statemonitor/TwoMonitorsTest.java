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
import servmon.embedded.EmbeddedKafkaBroker;
import servmon.events.EventCodec;
import servmon.events.EventSerializer;
import servmon.events.ServerId;
import servmon.events.ServerState;
import servmon.events.ServerStateChanged;
import servmon.events.ServmonEvent;
import servmon.events.Topics;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two monitor instances share the fleet (exactly once, a standby store each); stopping one moves its servers to the
 * other without a false transition, while every server keeps reporting.
 */
class TwoMonitorsTest {

    @Test
    void stopping_one_of_two_monitors_moves_its_servers_without_a_false_transition(@TempDir Path dirs)
            throws Exception {
        String bootstrap = EmbeddedKafkaBroker.shared().bootstrapServers();
        String applicationId = "servmon-state-monitor-pair-" + UUID.randomUUID().toString().substring(0, 8);
        List<ServerId> fleet = new ArrayList<>();
        for (int i = 0; i < 12; i++) {  // spread over all partitions, so both instances own some
            fleet.add(ServerId.random());
        }
        ScheduledExecutorService agents = Executors.newSingleThreadScheduledExecutor();
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.LINGER_MS_CONFIG, 0),
                     new StringSerializer(), new EventSerializer<ServmonEvent>());
             var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                     ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                     ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                     new StringDeserializer(), new ByteArrayDeserializer());
             ConfigurableApplicationContext first = start(bootstrap, applicationId, dirs.resolve("first"));
             ConfigurableApplicationContext second = start(bootstrap, applicationId, dirs.resolve("second"))) {
            await().atMost(Duration.ofSeconds(90)).until(() -> running(first) && running(second));
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.SERVER_STATE.name()).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);

            for (ServerId server : fleet) {
                producer.send(new ProducerRecord<>(Topics.SERVERS.name(), server.value(), Events.registration(server)));
            }
            agents.scheduleAtFixedRate(() -> fleet.forEach(server -> producer.send(
                    Events.signed(null, Events.report(server, 1, "boot-1")))), 0, 1, TimeUnit.SECONDS);
            List<ServerStateChanged> changes = new ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                read(consumer, changes);
                return changes.stream().filter(change -> change.state() == ServerState.ON)
                        .filter(change -> fleet.contains(change.serverId())).count() == fleet.size();
            });
            int before = changes.size();

            first.close();  // the first instance stops; the fleet keeps reporting
            await().atMost(Duration.ofSeconds(60)).until(() -> running(second));
            long until = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (System.nanoTime() < until) {
                read(consumer, changes);
            }

            // Only this fleet's servers: the broker is shared by the module's tests, and a new application id
            // replays the servers and reports earlier tests left on it, whose servers go OFF in this window
            // (this test failed once on a loaded machine that way: a leftover server went ON, then OFF).
            assertThat(changes.subList(before, changes.size()).stream()
                    .filter(change -> fleet.contains(change.serverId())).toList())
                    .as("no server of the fleet changed state: they all kept reporting").isEmpty();
        } finally {
            agents.shutdownNow();
        }
    }

    private static ConfigurableApplicationContext start(String bootstrap, String applicationId, Path stateDir) {
        return StateMonitorApplication.builder().run(
                "--spring.kafka.bootstrap-servers=" + bootstrap,
                "--spring.kafka.streams.application-id=" + applicationId,
                "--spring.kafka.streams.state-dir=" + stateDir,
                "--server.port=0");
    }

    private static boolean running(ConfigurableApplicationContext app) {
        return app.getBean(StateMonitorStreams.class).state() == KafkaStreams.State.RUNNING;
    }

    private static void read(KafkaConsumer<String, byte[]> consumer, List<ServerStateChanged> changes) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
            if (record.value() != null) {
                try {
                    changes.add(EventCodec.decode(record.value(), ServerStateChanged.class));
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }
        }
    }
}
