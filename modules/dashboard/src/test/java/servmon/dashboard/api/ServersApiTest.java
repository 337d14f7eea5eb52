package servmon.dashboard.api;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import servmon.dashboard.DashboardTestSupport;
import servmon.embedded.TopicRecords;
import servmon.events.EventCodec;
import servmon.events.ServerId;
import servmon.events.ServerKey;
import servmon.events.Topics;
import servmon.events.WakeCommand;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The JSON API as a script uses it: HTTP Basic as the bootstrapped admin, JSON in and out. */
class ServersApiTest extends DashboardTestSupport {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;

    @Test
    void requests_without_credentials_get_401_json_not_a_login_redirect() throws Exception {
        mvc.perform(get("/api/v1/servers"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", "Basic realm=\"servmon\""))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.message").exists());
        mvc.perform(get("/api/v1/servers").with(httpBasic("admin", "wrong password")))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON));
    }

    @Test
    void create_list_wake_and_delete_a_server() throws Exception {
        String name = uniqueName("api");
        MvcResult created = mvc.perform(post("/api/v1/servers").with(admin())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"" + name + "\",\"mac\":null}"))
                .andExpect(status().isCreated())
                .andReturn();
        JsonNode body = JSON.readTree(created.getResponse().getContentAsString());
        long id = body.get("id").asLong();
        String key = body.get("key").asString();
        assertThat(key).matches("[A-HJ-NP-Za-km-z2-9]{24}");
        // the public id other systems wake it by: derived from the key, as its agent derives it
        String serverId = body.get("serverId").asString();
        assertThat(serverId).isEqualTo(ServerId.of(ServerKey.of(key)).value());

        JsonNode listed = listed(id);
        assertThat(listed.get("name").asString()).isEqualTo(name);
        assertThat(listed.get("state").asString()).isEqualTo("EMPTY");
        assertThat(Instant.parse(listed.get("stateSince").asString())).isBefore(Instant.now().plusSeconds(1));
        assertThat(listed.has("key")).as("the key is a secret: shown once, not listed").isFalse();

        MvcResult wake = mvc.perform(post("/api/v1/servers/{id}/wake", id).with(admin()))
                .andExpect(status().isAccepted())
                .andReturn();
        String commandId = JSON.readTree(wake.getResponse().getContentAsString()).get("commandId").asString();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            ConsumerRecord<String, byte[]> record = TopicRecords.of(Topics.WAKE_COMMANDS.name(), serverId)
                    .stream().findFirst().orElseThrow();
            WakeCommand command = EventCodec.decode(record.value(), WakeCommand.class);
            assertThat(command.commandId().value()).isEqualTo(commandId);
            assertThat(command.requestedBy()).isEqualTo("admin");
        });

        mvc.perform(delete("/api/v1/servers/{id}", id).with(admin())).andExpect(status().isNoContent());
        assertThat(listed(id)).isNull();
        mvc.perform(delete("/api/v1/servers/{id}", id).with(admin()))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.message").value("no server with id " + id));
    }

    @Test
    void a_blank_name_is_refused_with_400_json_naming_the_field() throws Exception {
        mvc.perform(post("/api/v1/servers").with(admin())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"  \",\"mac\":null}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.field").value("name"))
                .andExpect(jsonPath("$.message").value("name is required"));
    }

    @Test
    void a_refusal_is_english_for_a_korean_client_too_as_the_api_speaks_english() throws Exception {
        mvc.perform(post("/api/v1/servers").with(admin()).header("Accept-Language", "ko-KR,ko;q=0.9")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"web-1\",\"mac\":\"aa:bb\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("mac"))
                .andExpect(jsonPath("$.message").value("MAC must look like aa:bb:cc:dd:ee:ff (or with dashes)"));
    }

    @Test
    void a_server_gets_a_group_when_added_and_can_change_it() throws Exception {
        MvcResult created = mvc.perform(post("/api/v1/servers").with(admin())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"" + uniqueName("grp") + "\",\"group\":\"rack-1\"}"))
                .andExpect(status().isCreated()).andReturn();
        long id = JSON.readTree(created.getResponse().getContentAsString()).get("id").asLong();

        mvc.perform(put("/api/v1/servers/{id}/group", id).with(admin())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"group\":\"rack-2\"}"))
                .andExpect(status().isNoContent());
        mvc.perform(put("/api/v1/servers/{id}/group", id).with(admin())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"group\":\"" + "r".repeat(101) + "\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("group"));
        mvc.perform(put("/api/v1/servers/{id}/group", 987_654_321L).with(admin())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"group\":null}"))
                .andExpect(status().isNotFound());
    }

    @Test
    void a_bad_mac_is_refused_with_400_json_naming_the_field() throws Exception {
        mvc.perform(post("/api/v1/servers").with(admin())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"" + uniqueName("mac") + "\",\"mac\":\"not-a-mac\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("mac"));
    }

    @Test
    void waking_an_unknown_server_is_404_json() throws Exception {
        mvc.perform(post("/api/v1/servers/{id}/wake", 987654321L).with(admin()))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.message").value("no server with id 987654321"));
    }

    @Test
    void the_fleet_pages_by_id_and_the_last_page_has_no_next_link() throws Exception {
        long first = register("fleet-a");
        long second = register("fleet-b");
        long third = register("fleet-c");

        JsonNode page = getJson("/api/v1/servers?limit=2&after=" + (first - 1));
        assertThat(ids(page)).containsExactly(first, second);
        assertThat(page.get("next").asString()).isEqualTo("/api/v1/servers?limit=2&after=" + second);
        long fourth = register("fleet-d");  // arrives while the script pages: it shows, nothing repeats
        JsonNode next = getJson(page.get("next").asString());
        assertThat(ids(next)).containsExactly(third, fourth);
        assertThat(next.get("next").isNull()).as("read one more than shown: no empty last page").isTrue();
    }

    @Test
    void samples_page_newest_first_by_keyset_while_new_samples_arrive() throws Exception {
        long id = register("sampled");
        Instant t0 = Instant.parse("2026-04-01T00:00:00Z");
        for (int i = 0; i < 25; i++) {
            addSample(id, t0.plusSeconds(8L * i), i, 100.0 + i, 1);
        }

        List<Double> cpu = new ArrayList<>();
        String next = "/api/v1/servers/" + id + "/samples?limit=10";
        int arrived = 0;
        while (next != null) {
            JsonNode page = getJson(next);
            page.get("items").forEach(sample -> cpu.add(sample.get("cpuPct").asDouble()));
            next = page.get("next").isNull() ? null : page.get("next").asString();
            for (int i = 0; i < 3; i++, arrived++) {  // the agent keeps reporting between the script's requests
                addSample(id, t0.plusSeconds(8L * (25 + arrived)), 25 + arrived, null, 1);
            }
        }

        assertThat(cpu).hasSize(25).doesNotHaveDuplicates();
        assertThat(cpu.getFirst()).isEqualTo(24.0);
        assertThat(cpu.getLast()).isEqualTo(0.0);
        JsonNode newest = getJson("/api/v1/servers/" + id + "/samples?limit=1").get("items").get(0);
        assertThat(newest.get("sampledAt").asString()).isEqualTo(t0.plusSeconds(8L * (25 + arrived - 1)).toString());
        assertThat(newest.get("powerSource").asString()).isEqualTo("ESTIMATE");
    }

    @Test
    void history_names_the_tier_it_read_from_the_range_length() throws Exception {
        long id = register("ranged");
        Instant t0 = Instant.parse("2026-04-02T00:00:00Z");
        addSample(id, t0.plusSeconds(10), 42, 80.0, 2);
        jdbc.update("insert into metric_rollup_1m (server_id, bucket_start, samples, cpu_min, cpu_sum, cpu_max, power_n,"
                + " power_sum, users_min, users_sum, users_max, mem_n, mem_sum, energy_wh, estimated_wh)"
                + " values (?, ?, 2, 10, 40, 30, 0, 0, 1, 2, 1, 0, 0, 0, 0)", id, utc(t0));
        jdbc.update("insert into metric_rollup_1h (server_id, bucket_start, samples, cpu_min, cpu_sum, cpu_max, power_n,"
                + " power_sum, users_min, users_sum, users_max, mem_n, mem_sum, energy_wh, estimated_wh)"
                + " values (?, ?, 4, 10, 200, 90, 0, 0, 1, 4, 1, 0, 0, 0, 0)", id, utc(t0));
        String base = "/api/v1/servers/" + id + "/history?from=" + t0;

        JsonNode raw = getJson(base + "&to=" + t0.plus(Duration.ofHours(1)));
        JsonNode minutes = getJson(base + "&to=" + t0.plus(Duration.ofDays(1)));
        JsonNode hours = getJson(base + "&to=" + t0.plus(Duration.ofDays(30)));

        assertThat(raw.get("tier").asString()).isEqualTo("raw");
        assertThat(raw.get("points").get(0).get("cpuAvgPct").asDouble()).isEqualTo(42.0);
        assertThat(raw.get("points").get(0).get("powerAvgW").asDouble()).isEqualTo(80.0);
        assertThat(minutes.get("tier").asString()).isEqualTo("1m");
        assertThat(minutes.get("points").get(0).get("cpuAvgPct").asDouble()).isEqualTo(20.0);
        assertThat(minutes.get("points").get(0).get("powerAvgW").isNull()).isTrue();
        assertThat(hours.get("tier").asString()).isEqualTo("1h");
        assertThat(hours.get("points").get(0).get("cpuAvgPct").asDouble()).isEqualTo(50.0);
        assertThat(hours.get("from").asString()).isEqualTo(t0.toString());
    }

    @Test
    void bad_ranges_and_limits_are_400_naming_the_parameter_and_unknown_servers_404() throws Exception {
        long id = register("strict");
        mvc.perform(get("/api/v1/servers/{id}/history?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z", id)
                        .with(admin()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("from"));
        mvc.perform(get("/api/v1/servers/{id}/samples?before=yesterday", id).with(admin()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("before"));
        mvc.perform(get("/api/v1/servers?limit=0").with(admin()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("limit"));
        mvc.perform(get("/api/v1/servers/{id}/samples", 987654321L).with(admin()))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.message").value("no server with id 987654321"));
    }

    @Test
    void an_unchanged_list_answers_304_to_its_etag_and_a_changed_one_200() throws Exception {
        long id = register("etagged");
        String page = "/api/v1/servers?limit=1&after=" + (id - 1);
        MvcResult first = mvc.perform(get(page).with(admin()))
                .andExpect(status().isOk())
                .andExpect(header().string("Cache-Control", "private, no-cache"))
                .andReturn();
        String etag = first.getResponse().getHeader("ETag");
        assertThat(etag).isNotBlank();

        mvc.perform(get(page).with(admin()).header("If-None-Match", etag))
                .andExpect(status().isNotModified())
                .andExpect(content().string(""));

        setState(id, "OFF", Instant.now());
        mvc.perform(get(page).with(admin()).header("If-None-Match", etag))
                .andExpect(status().isOk())
                .andExpect(header().string("ETag", org.hamcrest.Matchers.not(etag)))
                .andExpect(jsonPath("$.items[0].state").value("OFF"));
    }

    private long register(String prefix) throws Exception {
        MvcResult created = mvc.perform(post("/api/v1/servers").with(admin())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"" + uniqueName(prefix) + "\"}"))
                .andExpect(status().isCreated())
                .andReturn();
        return JSON.readTree(created.getResponse().getContentAsString()).get("id").asLong();
    }

    private JsonNode getJson(String path) throws Exception {
        MvcResult result = mvc.perform(get(path).with(admin()))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andReturn();
        return JSON.readTree(result.getResponse().getContentAsString());
    }

    private static List<Long> ids(JsonNode page) {
        List<Long> ids = new ArrayList<>();
        page.get("items").forEach(server -> ids.add(server.get("id").asLong()));
        return ids;
    }

    /** The server as the list shows it, following the pages; null if it is not listed. */
    private JsonNode listed(long id) throws Exception {
        String next = "/api/v1/servers";
        while (next != null) {
            JsonNode page = getJson(next);
            for (JsonNode server : page.get("items")) {
                if (server.get("id").asLong() == id) {
                    return server;
                }
            }
            next = page.get("next").isNull() ? null : page.get("next").asString();
        }
        return null;
    }

    private static org.springframework.test.web.servlet.request.RequestPostProcessor admin() {
        return httpBasic("admin", ADMIN_PASSWORD);
    }
}
