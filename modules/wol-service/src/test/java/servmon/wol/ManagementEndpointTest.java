package servmon.wol;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import servmon.embedded.EmbeddedKafkaBroker;
import servmon.events.CommandId;
import servmon.events.EventSerializer;
import servmon.events.ServerId;
import servmon.events.ServmonEvent;
import servmon.events.TopicProvisioner;
import servmon.events.Topics;
import servmon.events.WakeCommand;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Readiness and the Prometheus endpoint on the wol-service's management port, on a real broker. The command is for a
 * server that was never registered: its result is NOT_WAKEABLE and no packet is sent (the only destination configured
 * is a socket on loopback all the same).
 */
class ManagementEndpointTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void readiness_is_up_and_wake_results_are_counted_by_status() throws Exception {
        String bootstrap = EmbeddedKafkaBroker.shared().bootstrapServers();
        TopicProvisioner.ensureTopics(bootstrap, (short) 1);
        try (LoopbackReceiver receiver = new LoopbackReceiver();
             ConfigurableApplicationContext app = WolApplication.builder().run(
                     "--spring.kafka.bootstrap-servers=" + bootstrap,
                     "--servmon.wol.destinations=127.0.0.1:" + receiver.port(),
                     "--servmon.wol.use-reported-broadcast=false");
             var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                     new StringSerializer(), new EventSerializer<ServmonEvent>())) {
            String port = app.getEnvironment().getProperty("local.server.port");
            assertThat(get(port, "/actuator/health/readiness").statusCode()).isEqualTo(200);
            String notWakeable = "servmon_wake_results_total{application=\"servmon-wol-service\",status=\"not_wakeable\"}";
            double before = value(get(port, "/actuator/prometheus").body(), notWakeable);
            // commands published before the listener's first assignment would be skipped ("latest")
            var listeners = app.getBean(KafkaListenerEndpointRegistry.class);
            // (the power policies' listener runs only when a policy is set: not here)
            await().atMost(Duration.ofSeconds(60)).until(() -> listeners.getListenerContainers().stream()
                    .filter(container -> container.isRunning()).allMatch(
                    container -> container.getAssignedPartitions() != null
                            && !container.getAssignedPartitions().isEmpty()));

            ServerId neverRegistered = ServerId.random();
            producer.send(new ProducerRecord<>(Topics.WAKE_COMMANDS.name(), neverRegistered.value(),
                    new WakeCommand(ServmonEvent.VERSION, neverRegistered, CommandId.random(), "test", "API", null)))
                    .get(10, TimeUnit.SECONDS);

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(value(get(port, "/actuator/prometheus").body(), notWakeable)).isEqualTo(before + 1));
            assertThat(get(port, "/actuator/prometheus").body())
                    .contains("servmon_wake_results_total{application=\"servmon-wol-service\",status=\"sent\"}");
        }
    }

    private HttpResponse<String> get(String port, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static double value(String scrape, String series) {
        return scrape.lines().filter(line -> line.startsWith(series + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElseThrow(() -> new AssertionError(series + " is not on the endpoint"));
    }
}
