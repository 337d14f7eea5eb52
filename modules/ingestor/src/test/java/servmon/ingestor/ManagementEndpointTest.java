package servmon.ingestor;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import servmon.events.ServerId;
import servmon.events.Topics;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Health, readiness and the Prometheus endpoint on the ingestor's management port, after real traffic. */
class ManagementEndpointTest {

    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startIngestor() {
        RunningIngestor.context();
    }

    @Test
    void management_port_listens_on_loopback_only() {
        assertThat(RunningIngestor.context().getEnvironment().getProperty("server.address")).isEqualTo("127.0.0.1");
    }

    @Test
    void readiness_is_up_once_started() throws Exception {
        HttpResponse<String> readiness = get("/actuator/health/readiness");

        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(readiness.body()).contains("\"status\":\"UP\"");
        assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
    }

    @Test
    void dead_letters_ingest_meters_and_consumer_lag_are_on_the_prometheus_endpoint() throws Exception {
        String malformed = "servmon_dead_letters_total{application=\"servmon-ingestor\",reason=\"malformed\","
                + "topic=\"servmon.metrics.v1\"}";
        double before = IngestMetersTest.value(get("/actuator/prometheus").body(), malformed);
        ServerId key = Fleet.register().key();
        Fleet.send(Topics.METRICS.name(), null, key.value().getBytes(StandardCharsets.UTF_8),
                "{\"v\":1,\"serverId\":".getBytes(StandardCharsets.UTF_8));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(IngestMetersTest.value(get("/actuator/prometheus").body(), malformed)).isEqualTo(before + 1));

        String scrape = get("/actuator/prometheus").body();
        assertThat(scrape).contains("servmon_ingest_rows_total{", "servmon_ingest_batch_size_samples_count{",
                "servmon_ingest_db_time_seconds_count{", "servmon_ingest_delay_seconds{",
                "servmon_ingest_delay_histogram_seconds_bucket{",
                // the listener containers' consumers, from spring-kafka's MicrometerConsumerListener
                "kafka_consumer_fetch_manager_records_lag_max{");
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        String port = RunningIngestor.context().getEnvironment().getProperty("local.server.port");
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
