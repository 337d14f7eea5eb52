package servmon.dashboard.api;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import servmon.dashboard.DashboardTestSupport;
import servmon.dashboard.TopicRecords;
import servmon.events.EventCodec;
import servmon.events.Topics;
import servmon.events.WakeCommand;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
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
            ConsumerRecord<String, byte[]> record = TopicRecords.read(bootstrapServers(), Topics.WAKE_COMMANDS)
                    .stream().filter(r -> key.equals(r.key())).findFirst().orElseThrow();
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

    private JsonNode listed(long id) throws Exception {
        MvcResult list = mvc.perform(get("/api/v1/servers").with(admin()))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andReturn();
        for (JsonNode server : JSON.readTree(list.getResponse().getContentAsString())) {
            if (server.get("id").asLong() == id) {
                return server;
            }
        }
        return null;
    }

    private static org.springframework.test.web.servlet.request.RequestPostProcessor admin() {
        return httpBasic("admin", ADMIN_PASSWORD);
    }
}
