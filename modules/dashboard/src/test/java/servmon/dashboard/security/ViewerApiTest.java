package servmon.dashboard.security;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import servmon.dashboard.DashboardTestSupport;
import servmon.dashboard.servers.RegisteredServer;
import servmon.dashboard.servers.ServerRegistry;
import servmon.store.server.ServerRepository;
import servmon.store.user.AppUser;
import servmon.store.user.AppUserRepository;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.head;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The API as a VIEWER's script uses it: every read answers, every change is a 403 that says why and changes nothing. */
class ViewerApiTest extends DashboardTestSupport {

    private static final String PASSWORD = "viewer-api-password";

    @Autowired
    MockMvc mvc;
    @Autowired
    AppUserRepository users;
    @Autowired
    ServerRegistry registry;
    @Autowired
    ServerRepository servers;

    private RequestPostProcessor viewer;
    private String viewerName;
    private RegisteredServer server;

    @BeforeEach
    void viewerAndServer() {
        viewerName = uniqueName("viewer");
        users.saveAndFlush(new AppUser(viewerName, "{noop}" + PASSWORD, Roles.VIEWER,
                Instant.now().truncatedTo(ChronoUnit.MILLIS)));
        viewer = httpBasic(viewerName, PASSWORD);
        server = registry.register(uniqueName("watched"), null);
    }

    @Test
    void a_viewer_reads_servers_samples_history_power_log_energy_and_policies() throws Exception {
        for (String path : List.of("/api/v1/servers", "/api/v1/servers/" + server.id() + "/samples",
                "/api/v1/servers/" + server.id() + "/history", "/api/v1/servers/" + server.id() + "/power-log",
                "/api/v1/servers/" + server.id() + "/energy", "/api/v1/energy", "/api/v1/policies",
                "/api/v1/policies/versions")) {
            mvc.perform(get(path).with(viewer)).andExpect(status().isOk());
        }
        mvc.perform(head("/api/v1/servers").with(viewer)).andExpect(status().isOk());
    }

    @Test
    void every_change_by_a_viewer_is_a_403_with_the_reason_and_changes_nothing() throws Exception {
        String name = uniqueName("not-added");
        List<MockHttpServletRequestBuilder> writes = List.of(
                post("/api/v1/servers").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"" + name + "\"}"),
                delete("/api/v1/servers/{id}", server.id()),
                post("/api/v1/servers/{id}/wake", server.id()),
                post("/api/v1/servers/{id}/sleep", server.id()).contentType(MediaType.APPLICATION_JSON).content("{}"),
                put("/api/v1/servers/{id}/group", server.id()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"group\":\"rack-9\"}"),
                put("/api/v1/policies").contentType(MediaType.APPLICATION_JSON).content("{\"yaml\":\"\"}"));

        for (MockHttpServletRequestBuilder write : writes) {
            mvc.perform(write.with(viewer))
                    .andExpect(status().isForbidden())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                    .andExpect(jsonPath("$.message").value(JsonAccessDeniedHandler.MESSAGE));
        }

        assertThat(servers.findByName(name)).as("not registered").isEmpty();
        assertThat(servers.findById(server.id())).as("not deleted, group unchanged")
                .hasValueSatisfying(s -> assertThat(s.getSite()).isNull());
    }

    @Test
    void the_same_change_by_an_admin_goes_through() throws Exception {
        mvc.perform(put("/api/v1/servers/{id}/group", server.id()).with(httpBasic("admin", ADMIN_PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"group\":\"rack-9\"}"))
                .andExpect(status().isNoContent());

        assertThat(servers.findById(server.id())).hasValueSatisfying(s -> assertThat(s.getSite()).isEqualTo("rack-9"));
    }

    @Test
    void a_disabled_user_is_refused_at_once_though_the_password_was_remembered() throws Exception {
        RequestPostProcessor address = LoginThrottleTest.from("192.0.2.71");  // its own, for the throttle
        mvc.perform(get("/api/v1/servers").with(viewer).with(address)).andExpect(status().isOk());
        AppUser user = users.findByUsername(viewerName).orElseThrow();
        user.setEnabled(false);
        users.saveAndFlush(user);

        mvc.perform(get("/api/v1/servers").with(viewer).with(address)).andExpect(status().isUnauthorized());
    }

    @Test
    void a_300_character_server_name_is_refused_with_the_reason_not_cut() throws Exception {
        String name = "n".repeat(300);
        mvc.perform(post("/api/v1/servers").with(httpBasic("admin", ADMIN_PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"" + name + "\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("name"))
                .andExpect(jsonPath("$.message").value("name must be at most 100 characters (this one has 300)"));

        assertThat(servers.findByName(name.substring(0, 100))).isEmpty();
    }
}
