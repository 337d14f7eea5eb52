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
import servmon.events.InvalidEventException;
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
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The application as the standalone module starts it, on a real broker that has none of the topics yet. */
class StateMonitorApplicationTest {

    final ServerId server = ServerId.random();
    final ServerId kcatServer = ServerId.random();
    final List<ServerStateChanged> seen = new ArrayList<>();

    @Test
    void registered_server_turns_on_with_its_reports_and_off_after_two_intervals_and_a_half_second_of_silence(
            @TempDir Path stateDir) throws Exception {
        String bootstrap = EmbeddedKafkaBroker.shared().bootstrapServers();
        try (ConfigurableApplicationContext app = StateMonitorApplication.builder().run(
                     "--spring.kafka.bootstrap-servers=" + bootstrap,
                     "--spring.kafka.streams.state-dir=" + stateDir);
             var producer = new KafkaProducer<>(Map.<String, Object>of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                     ProducerConfig.LINGER_MS_CONFIG, 0),
                     new StringSerializer(), new EventSerializer<ServmonEvent>());
             var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                     ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                     new StringDeserializer(), new ByteArrayDeserializer())) {

            StateMonitorStreams streams = app.getBean(StateMonitorStreams.class);
            await().atMost(Duration.ofSeconds(60)).until(() -> streams.state() == KafkaStreams.State.RUNNING);
            // the application created the topics it reads and writes before starting its streams
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.SERVER_STATE.name()).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            assertThat(partitions).hasSize(Topics.PARTITIONS);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);

            producer.send(new ProducerRecord<>(Topics.SERVERS.name(), server.value(), Events.registration(server)))
                    .get(10, TimeUnit.SECONDS);
            producer.send(new ProducerRecord<>(Topics.SERVERS.name(), kcatServer.value(),
                    Events.registration(kcatServer))).get(10, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(20)).until(() -> latestState(consumer) == ServerState.EMPTY);

            // A client with another partitioner (kcat, librdkafka: CRC32) puts this server's reports elsewhere than
            // the Java client would: the monitor must still find the server.
            int wrong = (PartitionRouter.home(kcatServer.value(), Topics.PARTITIONS) + 1) % Topics.PARTITIONS;
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                producer.send(Events.signed(wrong, Events.report(kcatServer, 8, "boot-1"))).get(10, TimeUnit.SECONDS);
                latestState(consumer);
                return seen.stream().anyMatch(change -> change.serverId().equals(kcatServer)
                        && change.state() == ServerState.ON);
            });

            // an agent reporting every second, until the monitor has it ON
            long[] lastReportAt = new long[1];
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                producer.send(Events.signed(null, Events.report(server, 1, "boot-1"))).get(10, TimeUnit.SECONDS);
                lastReportAt[0] = System.nanoTime();
                return latestState(consumer) == ServerState.ON;
            });

            // then silence: OFF after 2 x 1 s + 0.5 s, plus at most one check interval, one tick and delivery.
            // Never sooner; how much later depends on this machine's load, so the upper bound here is generous
            // (bench/sleep-wake.sh measures the real figure)
            await().atMost(Duration.ofSeconds(30)).until(() -> latestState(consumer) == ServerState.OFF);
            long silenceMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastReportAt[0]);
            System.out.printf("[state-monitor] OFF seen %d ms after the last report (due after 2500 ms)%n", silenceMs);
            assertThat(silenceMs).isBetween(2_500L, 2_500L + 15_000);
            ServerStateChanged off = seen.stream().filter(change -> change.serverId().equals(server))
                    .reduce((a, b) -> b).orElseThrow();
            assertThat(off.previous()).isEqualTo(ServerState.ON);
            assertThat(off.interfaces()).isEqualTo(Events.NICS);

            // A wake command from a librdkafka client lands on another partition than the server's reports: the
            // monitor still moves that server to WAKING.
            int wrongForWake = (PartitionRouter.home(server.value(), Topics.PARTITIONS) + 1) % Topics.PARTITIONS;
            producer.send(new ProducerRecord<>(Topics.WAKE_COMMANDS.name(), wrongForWake, server.value(),
                    Events.wake(server))).get(10, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(20)).until(() -> latestState(consumer) == ServerState.WAKING);
        }
    }

    /** Reads what arrived on the server-state topic; returns the latest state of our server, or null. */
    private ServerState latestState(KafkaConsumer<String, byte[]> consumer) throws InvalidEventException {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
            if ((server.value().equals(record.key()) || kcatServer.value().equals(record.key()))
                    && record.value() != null) {
                seen.add(EventCodec.decode(record.value(), ServerStateChanged.class));
            }
        }
        return seen.stream().filter(change -> change.serverId().equals(server)).reduce((a, b) -> b)
                .map(ServerStateChanged::state).orElse(null);
    }
}
