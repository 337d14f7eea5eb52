package servmon.standalone;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The four services of one JVM each answer on a port of their own, with a registry of their own: no service shows
 * another's meters, and every series carries its own application's name.
 */
class ManagementEndpointsTest {

    private static final Map<String, String> OWN_METER = Map.of(
            "servmon-ingestor", "servmon_ingest_rows_total",
            "servmon-state-monitor", "servmon_state_transitions_total",
            "servmon-wol-service", "servmon_wake_results_total",
            "servmon-dashboard", "servmon_servers{");

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void every_service_is_ready_and_shows_only_its_own_meters() throws Exception {
        Map<String, Integer> ports = SharedSystem.get().managementPorts();
        assertThat(ports).containsOnlyKeys(OWN_METER.keySet());
        assertThat(ports.values()).doesNotHaveDuplicates().allMatch(port -> port > 0);

        for (var service : ports.entrySet()) {
            String application = service.getKey();
            assertThat(get(service.getValue(), "/actuator/health/readiness").statusCode())
                    .as("readiness of %s", application).isEqualTo(200);
            HttpResponse<String> prometheus = get(service.getValue(), "/actuator/prometheus");
            assertThat(prometheus.statusCode()).as("prometheus of %s", application).isEqualTo(200);
            String scrape = prometheus.body();
            assertThat(scrape).as("own meter of %s", application).contains(OWN_METER.get(application));
            OWN_METER.forEach((other, meter) -> {
                if (!other.equals(application)) {
                    assertThat(scrape).as("%s on %s", meter, application).doesNotContain(meter);
                }
            });
            assertThat(scrape.lines().filter(line -> line.startsWith("jvm_memory_used_bytes{")))
                    .as("JVM series of %s", application).isNotEmpty()
                    .allMatch(line -> line.contains("application=\"" + application + "\""));
        }
    }

    private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
