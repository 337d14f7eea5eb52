package servmon.dashboard.api;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import servmon.dashboard.DashboardTestSupport;
import servmon.dashboard.servers.ServerRegistry;
import servmon.store.user.AppUser;
import servmon.store.user.AppUserRepository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** GET /api/v1/energy and /api/v1/servers/{id}/energy on rollups and sleep periods written as the ingestor does. */
class EnergyApiTest extends DashboardTestSupport {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    // a day no other test writes energy for
    private static final Instant DAY = Instant.parse("2025-05-20T00:00:00Z");
    private static final Instant FROM = DAY.plus(Duration.ofMinutes(10 * 60 + 30));  // 10:30
    private static final Instant TO = DAY.plus(Duration.ofMinutes(11 * 60 + 45));    // 11:45
    private static final String VIEWER_PASSWORD = "viewer-password";

    @Autowired MockMvc mvc;
    @Autowired ServerRegistry registry;
    @Autowired AppUserRepository users;

    String group;
    long a;
    long b;

    /**
     * Two servers of one group, 10:00-12:00: a used 1 Wh a minute, measured, and slept 09:00-11:00 after drawing
     * 202 W; b used 0.5 Wh a minute, estimated, and slept 11:30-13:00 after drawing an estimated 62 W. Asleep
     * both draw 2 W.
     */
    @BeforeEach
    void fleet() {
        group = uniqueName("rack");
        a = registry.register(uniqueName("energy-a"), null, group).id();
        b = registry.register(uniqueName("energy-b"), null, group).id();
        for (int minute = 0; minute < 120; minute++) {
            Instant at = DAY.plus(Duration.ofMinutes(10 * 60 + minute));
            addEnergyMinute(a, at, 1.0, 0.0);
            addEnergyMinute(b, at, 0.5, 0.5);
        }
        addSleepPeriod(a, DAY.plus(Duration.ofHours(9)), DAY.plus(Duration.ofHours(11)), 202.0, "BMC", 2.0);
        addSleepPeriod(b, DAY.plus(Duration.ofMinutes(11 * 60 + 30)), DAY.plus(Duration.ofHours(13)), 62.0,
                "ESTIMATE", 2.0);
    }

    @Test
    void a_groups_kwh_used_and_saved_over_a_range_with_how_much_is_estimated() throws Exception {
        JsonNode report = getJson("/api/v1/energy?from=" + FROM + "&to=" + TO + "&group=" + group, admin());

        assertThat(report.get("group").asString()).isEqualTo(group);
        // used: 75 min x 1 Wh + 75 min x 0.5 Wh (estimated)
        assertFigure(report.get("used"), 0.1125, 0.0375, "mixed");
        // saved: a 10:30-11:00 at 200 W, b 11:30-11:45 at 60 W (estimated)
        assertFigure(report.get("saved"), 0.1 + 0.015, 0.015, "mixed");
        assertThat(report.get("groups")).hasSize(1);
        assertThat(report.get("groups").get(0).get("group").asString()).isEqualTo(group);
        assertFigure(report.get("groups").get(0).get("saved"), 0.115, 0.015, "mixed");
    }

    @Test
    void the_whole_fleet_lists_every_group() throws Exception {
        JsonNode report = getJson("/api/v1/energy?from=" + FROM + "&to=" + TO, admin());

        assertThat(report.get("group").isNull()).isTrue();
        JsonNode ours = null;
        for (JsonNode g : report.get("groups")) {
            if (group.equals(g.get("group").asString())) {
                ours = g;
            }
        }
        assertThat(ours).isNotNull();
        assertFigure(ours.get("used"), 0.1125, 0.0375, "mixed");
        assertThat(report.get("used").get("kWh").asDouble()).isGreaterThanOrEqualTo(0.1125 - 1e-9);
    }

    @Test
    void a_servers_kwh_used_and_saved() throws Exception {
        JsonNode measured = getJson("/api/v1/servers/" + a + "/energy?from=" + FROM + "&to=" + TO, admin());
        JsonNode estimated = getJson("/api/v1/servers/" + b + "/energy?from=" + FROM + "&to=" + TO, admin());

        assertThat(measured.get("serverId").asLong()).isEqualTo(a);
        assertFigure(measured.get("used"), 0.075, 0, "measured");
        assertFigure(measured.get("saved"), 0.1, 0, "measured");
        assertFigure(estimated.get("saved"), 0.015, 0.015, "estimated");
    }

    @Test
    void a_viewer_can_read_energy() throws Exception {
        String name = uniqueName("viewer");
        users.saveAndFlush(new AppUser(name, "{noop}" + VIEWER_PASSWORD, "VIEWER", Instant.now()));

        mvc.perform(get("/api/v1/energy").with(httpBasic(name, VIEWER_PASSWORD))).andExpect(status().isOk());
        mvc.perform(get("/api/v1/servers/{id}/energy", a).with(httpBasic(name, VIEWER_PASSWORD)))
                .andExpect(status().isOk());
        mvc.perform(get("/api/v1/energy")).andExpect(status().isUnauthorized());
    }

    @Test
    void without_a_range_it_is_today_so_far_in_utc() throws Exception {
        Instant before = Instant.now();
        JsonNode report = getJson("/api/v1/energy", admin());

        assertThat(Instant.parse(report.get("from").asString()))
                .isEqualTo(Instant.now().truncatedTo(ChronoUnit.DAYS));
        assertThat(Instant.parse(report.get("to").asString())).isBetween(before, Instant.now());
    }

    @Test
    void bad_ranges_and_unknown_servers_are_refused_as_json() throws Exception {
        mvc.perform(get("/api/v1/energy?from=" + TO + "&to=" + FROM).with(admin()))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("from"));
        mvc.perform(get("/api/v1/energy?from=yesterday").with(admin()))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("from"));
        mvc.perform(get("/api/v1/energy?from=2020-01-01T00:00:00Z&to=2022-01-01T00:00:00Z").with(admin()))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.message").exists());
        mvc.perform(get("/api/v1/servers/{id}/energy", Long.MAX_VALUE).with(admin()))
                .andExpect(status().isNotFound()).andExpect(jsonPath("$.message").exists());
    }

    @Test
    void an_unchanged_report_answers_304_to_its_etag() throws Exception {
        String url = "/api/v1/servers/" + a + "/energy?from=" + FROM + "&to=" + TO;
        String etag = mvc.perform(get(url).with(admin())).andExpect(status().isOk()).andReturn().getResponse()
                .getHeader("ETag");

        assertThat(etag).isNotBlank();
        mvc.perform(get(url).with(admin()).header("If-None-Match", etag)).andExpect(status().isNotModified());
    }

    private static void assertFigure(JsonNode figure, double kWh, double estimatedKWh, String source) {
        assertThat(figure.get("kWh").asDouble()).isCloseTo(kWh, within(1e-9));
        assertThat(figure.get("estimatedKWh").asDouble()).isCloseTo(estimatedKWh, within(1e-9));
        assertThat(figure.get("estimatedShare").asDouble()).isCloseTo(estimatedKWh / kWh, within(1e-9));
        assertThat(figure.get("source").asString()).isEqualTo(source);
    }

    private JsonNode getJson(String url, RequestPostProcessor user) throws Exception {
        MvcResult result = mvc.perform(get(url).with(user)).andExpect(status().isOk()).andReturn();
        return JSON.readTree(result.getResponse().getContentAsString());
    }

    private static RequestPostProcessor admin() {
        return httpBasic("admin", ADMIN_PASSWORD);
    }
}
