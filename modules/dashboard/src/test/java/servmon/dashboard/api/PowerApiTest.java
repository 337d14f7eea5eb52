package servmon.dashboard.api;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import servmon.dashboard.DashboardTestSupport;
import servmon.embedded.TopicRecords;
import servmon.events.EventCodec;
import servmon.events.SleepCommand;
import servmon.events.SleepMode;
import servmon.events.Topics;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Sleep through the API and the power log. The wol-service's answer is played here by storing it where the ingestor
 * stores wake results, as soon as the sleep command shows up on its topic.
 */
class PowerApiTest extends DashboardTestSupport {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;

    @Test
    void a_refused_sleep_is_answered_409_with_the_reason() throws Exception {
        long id = register("sleepy");
        String key = jdbc.queryForObject("SELECT public_id FROM server WHERE id = ?", String.class, id);
        CompletableFuture<Void> wolService = CompletableFuture.runAsync(() -> {
            SleepCommand command = await().atMost(Duration.ofSeconds(20)).until(() -> TopicRecords
                    .of(Topics.SLEEP_COMMANDS.name(), key).stream()
                    .map(record -> decode(record.value())).findFirst().orElse(null), c -> c != null);
            assertThat(command.mode()).isEqualTo(SleepMode.POWEROFF);
            assertThat(command.force()).isFalse();
            jdbc.update("INSERT INTO wake_event (command_id, status, server_id, detail, packets_sent, at) "
                    + "VALUES (?, 'SLEEP_REFUSED', ?, 'Wake-on-LAN is not armed', 0, ?)",
                    command.commandId().value(), id, utc(Instant.now()));
        });

        mvc.perform(post("/api/v1/servers/{id}/sleep", id).with(admin())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"mode\":\"POWEROFF\",\"force\":false}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.status").value("SLEEP_REFUSED"))
                .andExpect(jsonPath("$.detail").value("Wake-on-LAN is not armed"));
        wolService.join();
    }

    @Test
    void a_sleep_with_no_answer_yet_is_accepted_as_pending_and_the_log_lists_steps_newest_first() throws Exception {
        long id = register("pending");
        MvcResult answer = mvc.perform(post("/api/v1/servers/{id}/sleep", id).with(admin()))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.status").value("PENDING"))
                .andReturn();
        String commandId = JSON.readTree(answer.getResponse().getContentAsString()).get("commandId").asString();

        Instant sent = Instant.now().minusSeconds(30);
        jdbc.update("INSERT INTO wake_event (command_id, status, server_id, detail, packets_sent, at) VALUES "
                        + "(?, 'SLEEP_SENT', ?, 'SUSPEND ordered', 0, ?), (?, 'SLEEP_ACCEPTED', ?, 'going', 0, ?)",
                commandId, id, utc(sent), commandId, id, utc(sent.plusSeconds(1)));
        mvc.perform(get("/api/v1/servers/{id}/power-log", id).with(admin()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].status").value("SLEEP_ACCEPTED"))
                .andExpect(jsonPath("$[1].status").value("SLEEP_SENT"))
                .andExpect(jsonPath("$[1].commandId").value(commandId));
        mvc.perform(post("/api/v1/servers/{id}/sleep", 987654321L).with(admin())).andExpect(status().isNotFound());
    }

    private long register(String prefix) throws Exception {
        MvcResult created = mvc.perform(post("/api/v1/servers").with(admin())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"" + uniqueName(prefix) + "\"}"))
                .andExpect(status().isCreated())
                .andReturn();
        return JSON.readTree(created.getResponse().getContentAsString()).get("id").asLong();
    }

    private static SleepCommand decode(byte[] value) {
        try {
            return EventCodec.decode(value, SleepCommand.class);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static org.springframework.test.web.servlet.request.RequestPostProcessor admin() {
        return httpBasic("admin", ADMIN_PASSWORD);
    }
}
