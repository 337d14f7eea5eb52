package servmon.dashboard.metrics;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import servmon.dashboard.DashboardTestSupport;
import servmon.dashboard.servers.RegisteredServer;
import servmon.dashboard.servers.ServerRegistry;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The fleet on /actuator/prometheus, and who may read it. MockMvc's requests come from 127.0.0.1 unless told. */
class FleetMetricsTest extends DashboardTestSupport {

    @Autowired
    MockMvc mvc;
    @Autowired
    ServerRegistry registry;
    @Autowired
    FleetGauges gauges;

    @Test
    void an_on_server_shows_as_up_with_its_figures_and_is_counted_by_state() throws Exception {
        RegisteredServer on = registry.register(uniqueName("metrics-on"), null);
        RegisteredServer never = registry.register(uniqueName("metrics-empty"), null);
        addSample(on.id(), Instant.now(), 37.5, 120.0, 3);

        gauges.refresh();
        String scrape = scrape();

        String server = "id=\"" + on.id() + "\",server=\"" + on.name() + "\"";
        assertThat(line(scrape, "servmon_server_up{", server)).endsWith(" 1.0");
        assertThat(line(scrape, "servmon_server_up{", "server=\"" + never.name() + "\"")).endsWith(" 0.0");
        assertThat(line(scrape, "servmon_server_cpu_percent{", server)).endsWith(" 37.5");
        assertThat(line(scrape, "servmon_server_users{", server)).endsWith(" 3.0");
        assertThat(line(scrape, "servmon_server_power_watts{", server)).contains("source=\"estimate\"").endsWith(" 120.0");
        assertThat(lines(scrape, "servmon_server_cpu_percent{", "server=\"" + never.name() + "\"")).isEmpty();
        assertThat(value(line(scrape, "servmon_servers{", "state=\"on\""))).isGreaterThanOrEqualTo(1);
        assertThat(value(line(scrape, "servmon_servers{", "state=\"empty\""))).isGreaterThanOrEqualTo(1);
        assertThat(line(scrape, "servmon_server_up{", server)).contains("application=\"servmon-dashboard\"");
    }

    @Test
    void a_removed_server_leaves_the_metrics_and_a_sleeping_one_stops_drawing() throws Exception {
        RegisteredServer removed = registry.register(uniqueName("metrics-removed"), null);
        RegisteredServer asleep = registry.register(uniqueName("metrics-asleep"), null);
        addSample(removed.id(), Instant.now(), 10.0, 50.0, 1);
        addSample(asleep.id(), Instant.now(), 10.0, 50.0, 1);
        gauges.refresh();
        assertThat(lines(scrape(), "servmon_server_up{", "server=\"" + removed.name() + "\"")).hasSize(1);

        registry.delete(removed.id());
        setState(asleep.id(), "ASLEEP", Instant.now());
        gauges.refresh();
        String scrape = scrape();

        assertThat(lines(scrape, "servmon_server_up{", "server=\"" + removed.name() + "\"")).isEmpty();
        assertThat(line(scrape, "servmon_server_up{", "server=\"" + asleep.name() + "\"")).endsWith(" 0.0");
        assertThat(lines(scrape, "servmon_server_power_watts{", "server=\"" + asleep.name() + "\"")).isEmpty();
    }

    @Test
    void the_fleet_is_refreshed_on_its_own() {
        assertThat(gauges.isRunning()).isTrue();
    }

    @Test
    void health_is_open_to_all_and_prometheus_to_this_machine_or_a_servmon_user() throws Exception {
        mvc.perform(get("/actuator/health").with(from("192.0.2.10")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("UP"));
        mvc.perform(get("/actuator/health/readiness").with(from("192.0.2.10"))).andExpect(status().isOk());

        mvc.perform(get("/actuator/prometheus").with(from("192.0.2.10"))).andExpect(status().isUnauthorized());
        mvc.perform(get("/actuator/prometheus").with(from("192.0.2.10")).with(httpBasic("admin", "wrong")))
                .andExpect(status().isUnauthorized());
        mvc.perform(get("/actuator/prometheus").with(from("192.0.2.10")).with(httpBasic("admin", ADMIN_PASSWORD)))
                .andExpect(status().isOk());
        mvc.perform(get("/actuator/prometheus").with(from("::1"))).andExpect(status().isOk());
        mvc.perform(get("/actuator/prometheus").with(from("127.0.0.1"))).andExpect(status().isOk());
    }

    private String scrape() throws Exception {
        return mvc.perform(get("/actuator/prometheus")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
    }

    private static RequestPostProcessor from(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }

    private static List<String> lines(String scrape, String prefix, String label) {
        return scrape.lines().filter(line -> line.startsWith(prefix) && line.contains(label)).toList();
    }

    private static String line(String scrape, String prefix, String label) {
        List<String> found = lines(scrape, prefix, label);
        assertThat(found).as("%s… with %s", prefix, label).hasSize(1);
        return found.getFirst();
    }

    private static double value(String line) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }
}
