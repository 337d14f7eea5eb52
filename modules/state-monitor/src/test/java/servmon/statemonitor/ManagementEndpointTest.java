package servmon.statemonitor;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import servmon.embedded.EmbeddedKafkaBroker;
import servmon.events.EventSerializer;
import servmon.events.ServerId;
import servmon.events.ServmonEvent;
import servmon.events.Topics;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Readiness and the Prometheus endpoint on the monitor's management port, on a real broker. */
class ManagementEndpointTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void readiness_follows_the_streams_and_transitions_are_on_the_prometheus_endpoint(@TempDir Path stateDir)
            throws Exception {
        String bootstrap = EmbeddedKafkaBroker.shared().bootstrapServers();
        ServerId server = ServerId.random();
        try (ConfigurableApplicationContext app = StateMonitorApplication.builder().run(
                     "--spring.kafka.bootstrap-servers=" + bootstrap,
                     "--spring.kafka.streams.application-id=state-monitor-management-test",
                     "--spring.kafka.streams.state-dir=" + stateDir);
             var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                     new StringSerializer(), new EventSerializer<ServmonEvent>())) {
            String port = app.getEnvironment().getProperty("local.server.port");
            StateMonitorStreams streams = app.getBean(StateMonitorStreams.class);
            await().atMost(Duration.ofSeconds(60)).until(() -> streams.state() == KafkaStreams.State.RUNNING);
            assertThat(get(port, "/actuator/health/readiness").statusCode()).isEqualTo(200);

            producer.send(new ProducerRecord<>(Topics.SERVERS.name(), server.value(), Events.registration(server)))
                    .get(10, TimeUnit.SECONDS);

            String empty = "servmon_state_transitions_total{application=\"servmon-state-monitor\",state=\"empty\"}";
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(value(get(port, "/actuator/prometheus").body(), empty)).isGreaterThanOrEqualTo(1));
            // every state's series is there from the start, so a rate() over it starts at zero (its value is not
            // checked: on the shared broker this new application id also replays other tests' servers)
            assertThat(get(port, "/actuator/prometheus").body())
                    .containsPattern("servmon_state_transitions_total\\{application=\"servmon-state-monitor\","
                            + "state=\"off\"} \\d")
                    // the streams' own clients, bound by KafkaStreamsMetrics
                    .contains("kafka_consumer_fetch_manager_records_lag_max{");

            streams.stop();
            HttpResponse<String> stopped = get(port, "/actuator/health/readiness");
            assertThat(stopped.statusCode()).isEqualTo(503);
            assertThat(stopped.body()).contains("\"status\":\"DOWN\"");
        }
    }

    private HttpResponse<String> get(String port, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static double value(String scrape, String series) {
        return scrape.lines().filter(line -> line.startsWith(series + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElse(Double.NaN);
    }
}
