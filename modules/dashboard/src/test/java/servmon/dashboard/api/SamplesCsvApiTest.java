package servmon.dashboard.api;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import servmon.dashboard.DashboardTestSupport;
import servmon.dashboard.servers.RegisteredServer;
import servmon.dashboard.servers.ServerRegistry;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** GET /api/v1/servers/{id}/samples.csv: a range's samples as a streamed CSV file, for admins and viewers. */
class SamplesCsvApiTest extends DashboardTestSupport {

    @Autowired
    MockMvc mvc;
    @Autowired
    ServerRegistry registry;

    @Test
    void a_range_comes_as_csv_with_a_header_and_only_the_samples_inside_it() throws Exception {
        RegisteredServer server = registry.register(uniqueName("csv-api"), null);
        Instant t0 = Instant.parse("2026-03-20T12:00:00Z");
        for (int i = 0; i < 6; i++) {
            addSample(server.id(), t0.plusSeconds(8L * i), 20.0 + i, 150.0, 2);
        }
        String path = "/api/v1/servers/" + server.id() + "/samples.csv?from=" + t0.plusSeconds(8) + "&to="
                + t0.plusSeconds(24);

        MvcResult started = mvc.perform(get(path).with(httpBasic("admin", ADMIN_PASSWORD)))
                .andExpect(request().asyncStarted()).andReturn();
        MvcResult done = mvc.perform(asyncDispatch(started))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(new MediaType("text", "csv")))
                .andExpect(header().string("Content-Disposition",
                        "attachment; filename=\"server-" + server.id() + "-samples.csv\""))
                .andReturn();

        assertThat(done.getResponse().getContentAsString().lines().toList()).containsExactly(
                "sampled_at,cpu_pct,power_w,power_source,user_count,mem_used_bytes,disk_used_bytes,"
                        + "net_rx_bytes_per_s,net_tx_bytes_per_s",
                "2026-03-20T12:00:08Z,21.0,150.0,ESTIMATE,2,,,,",
                "2026-03-20T12:00:16Z,22.0,150.0,ESTIMATE,2,,,,");
        assertThat(done.getResponse().getHeader("ETag")).as("streamed, not buffered to hash").isNull();

        MvcResult viewer = mvc.perform(get(path).with(user("viewer-csv").roles("VIEWER")))
                .andExpect(request().asyncStarted()).andReturn();
        mvc.perform(asyncDispatch(viewer)).andExpect(status().isOk());
    }

    @Test
    void a_bad_range_or_an_unknown_server_is_refused_with_the_reason() throws Exception {
        RegisteredServer server = registry.register(uniqueName("csv-bad"), null);

        mvc.perform(get("/api/v1/servers/{id}/samples.csv?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z",
                        server.id()).with(httpBasic("admin", ADMIN_PASSWORD)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.message").value(org.hamcrest.Matchers.containsString("from must be before to")));
        mvc.perform(get("/api/v1/servers/{id}/samples.csv?from=2024-01-01T00:00:00Z&to=2026-01-01T00:00:00Z",
                        server.id()).with(httpBasic("admin", ADMIN_PASSWORD)))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/api/v1/servers/{id}/samples.csv", 987654321L).with(httpBasic("admin", ADMIN_PASSWORD)))
                .andExpect(status().isNotFound());
    }
}
