package servmon.wol;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import servmon.embedded.EmbeddedKafkaBroker;
import servmon.events.EventCodec;
import servmon.events.NetInterface;
import servmon.events.ServerId;
import servmon.events.ServerRegistered;
import servmon.events.SigningSecret;
import servmon.events.ServerKey;
import servmon.events.ServerState;
import servmon.events.ServerStateChanged;
import servmon.events.ServmonEvent;
import servmon.events.TopicProvisioner;
import servmon.events.TopicSpec;
import servmon.events.Topics;
import servmon.events.WakeCommand;
import servmon.events.WakeResult;
import servmon.events.WakeStatus;
import servmon.wol.wake.WakeTargets;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The wol-service stopped between sending a wake and its confirmation: the next run reads the wake back from its
 * results and confirms it, or retries it, as the first run would have.
 */
class WakeAcrossRestartTest {

    @Test
    void a_wake_sent_before_a_restart_is_confirmed_after_it() throws Exception {
        String bootstrap = EmbeddedKafkaBroker.shared().bootstrapServers();
        TopicProvisioner.ensureTopics(bootstrap, (short) 1);
        ServerId server = ServerId.random();
        try (LoopbackReceiver receiver = new LoopbackReceiver();
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                     Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                     new StringSerializer(), new ByteArraySerializer());
             WakeResultsReader results = new WakeResultsReader(bootstrap)) {
            publish(producer, Topics.SERVERS, server, new ServerRegistered(ServmonEvent.VERSION, server, 1,
                    "restart-" + server.value(), "52:54:00:20:00:01", Instant.now(), null,
                    SigningSecret.of(ServerKey.of(server.value()))));
            publish(producer, Topics.SERVER_STATE, server, state(server, ServerState.OFF, "boot-1",
                    Instant.now().minusSeconds(60)));

            WakeCommand wake = WakeCommand.of(server, "test", "test");
            try (ConfigurableApplicationContext first = start(bootstrap, receiver)) {
                awaitState(first, server, ServerState.OFF);
                publish(producer, Topics.WAKE_COMMANDS, server, wake);
                await().atMost(Duration.ofSeconds(30)).until(() -> steps(results, wake).contains(WakeStatus.SENT));
            }

            // back while the service was away
            publish(producer, Topics.SERVER_STATE, server, state(server, ServerState.ON, "boot-2", Instant.now()));
            try (ConfigurableApplicationContext second = start(bootstrap, receiver)) {
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(steps(results, wake))
                        .containsExactly(WakeStatus.SENT, WakeStatus.CONFIRMED));
            }
        }
    }

    private static ConfigurableApplicationContext start(String bootstrap, LoopbackReceiver receiver) {
        return WolApplication.builder().run(
                "--spring.kafka.bootstrap-servers=" + bootstrap,
                "--servmon.wol.destinations=127.0.0.1:" + receiver.port(),
                "--servmon.wol.repeat=1",
                // long enough that no retry comes between: the confirmation must come from the second run
                "--servmon.wol.confirm.first-retry-after=5m",
                "--servmon.wol.confirm.give-up-after=10m",
                "--server.port=0",
                "--spring.kafka.consumer.auto-offset-reset=earliest");
    }

    private static ServerStateChanged state(ServerId key, ServerState state, String bootId, Instant at) {
        return new ServerStateChanged(ServmonEvent.VERSION, key, state, null, at, at, bootId, 8,
                List.of(new NetInterface("eth0", "52:54:00:20:00:01", "127.0.0.1", null, true)));
    }

    private static void awaitState(ConfigurableApplicationContext service, ServerId key, ServerState state) {
        await().atMost(Duration.ofSeconds(20)).until(() -> service.getBean(WakeTargets.class).state(key)
                .map(seen -> seen.state() == state).orElse(false));
    }

    private static List<WakeStatus> steps(WakeResultsReader results, WakeCommand wake) {
        results.poll();
        return results.readSoFar().stream().filter(result -> result.commandId().equals(wake.commandId()))
                .map(WakeResult::status).toList();
    }

    private static void publish(KafkaProducer<String, byte[]> producer, TopicSpec topic, ServerId key,
                                ServmonEvent event) {
        producer.send(new ProducerRecord<>(topic.name(), key.value(), EventCodec.encode(event)));
        producer.flush();
    }
}
