package servmon.dashboard.policies;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import servmon.dashboard.DashboardTestSupport;
import servmon.embedded.TopicRecords;
import servmon.events.EventCodec;
import servmon.events.PowerPolicies;
import servmon.events.Topics;
import servmon.store.user.AppUser;
import servmon.store.user.AppUserRepository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The policies API as a script uses it: saved versions, the audit log, refusals with the engine's reason. */
class PoliciesApiTest extends DashboardTestSupport {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String VIEWER_PASSWORD = "viewer-password";

    static final String TWO_POLICIES = """
            servmon:
              wol:
                policy:
                  policies:
                    - name: fleet-saver
                      group: fleet
                      keep-awake: 2
                      idle-sleep: {cpu-below-pct: 60, idle-for: 10m, max-per-minute: 5}
                    - name: office-hours
                      group: office
                      schedule: [Mon-Fri 08:00-19:00]
            """;

    @Autowired
    MockMvc mvc;

    @Autowired
    AppUserRepository users;

    @Test
    void each_save_is_the_next_version_published_and_listed_with_its_author() throws Exception {
        int before = getJson("/api/v1/policies", admin()).get("version").asInt();
        String one = TWO_POLICIES.replace("keep-awake: 2", "keep-awake: 1");

        assertThat(putYaml(one, admin()).get("version").asInt()).isEqualTo(before + 1);
        JsonNode second = putYaml(TWO_POLICIES, admin());

        assertThat(second.get("version").asInt()).isEqualTo(before + 2);
        assertThat(second.get("summary").asString())
                .isEqualTo("2 policies: fleet-saver (fleet), office-hours (office)");
        JsonNode current = getJson("/api/v1/policies", admin());
        assertThat(current.get("version").asInt()).isEqualTo(before + 2);
        assertThat(current.get("yaml").asString()).isEqualTo(TWO_POLICIES);
        JsonNode log = getJson("/api/v1/policies/versions", admin());
        assertThat(List.of(log.get(0).get("version").asInt(), log.get(1).get("version").asInt()))
                .containsExactly(before + 2, before + 1);
        assertThat(log.get(0).get("changedBy").asString()).isEqualTo("admin");
        assertThat(log.get(1).get("changedBy").asString()).isEqualTo("admin");
        assertThat(Instant.parse(log.get(0).get("changedAt").asString())).isBefore(Instant.now().plusSeconds(1));

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            ConsumerRecord<String, byte[]> last = TopicRecords.all(Topics.POWER_POLICIES.name())
                    .stream().filter(r -> PowerPolicies.KEY.value().equals(r.key()))
                    .reduce((first, next) -> next).orElseThrow();
            PowerPolicies event = EventCodec.decode(last.value(), PowerPolicies.class);
            assertThat(event.version()).isEqualTo(before + 2);
            assertThat(event.yaml()).isEqualTo(TWO_POLICIES);
            assertThat(event.changedBy()).isEqualTo("admin");
        });
    }

    @Test
    void invalid_policies_get_400_with_the_engine_reason_and_nothing_is_stored() throws Exception {
        int before = countVersions();
        String badSchedule = TWO_POLICIES.replace("Mon-Fri 08:00-19:00", "weekdays 8-19");

        mvc.perform(put("/api/v1/policies").with(admin()).contentType(MediaType.APPLICATION_JSON)
                        .content(JSON.writeValueAsString(Map.of("yaml", badSchedule))))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.message").value(
                        "policies: a schedule window reads like 'Mon-Fri 08:00-20:00' (got 'weekdays 8-19')"));
        mvc.perform(put("/api/v1/policies").with(admin()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"yaml\":\"servmon: [unclosed\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.message").value(startsWith("policies is not valid YAML")));

        assertThat(countVersions()).isEqualTo(before);
    }

    @Test
    void a_viewer_reads_the_policies_but_gets_403_on_saving_them() throws Exception {
        String name = uniqueName("viewer");
        users.saveAndFlush(new AppUser(name, "{noop}" + VIEWER_PASSWORD, "VIEWER", Instant.now()));
        RequestPostProcessor viewer = httpBasic(name, VIEWER_PASSWORD);
        int before = countVersions();

        mvc.perform(get("/api/v1/policies").with(viewer)).andExpect(status().isOk());
        mvc.perform(get("/api/v1/policies/versions").with(viewer)).andExpect(status().isOk());
        mvc.perform(put("/api/v1/policies").with(viewer).contentType(MediaType.APPLICATION_JSON)
                        .content(JSON.writeValueAsString(Map.of("yaml", TWO_POLICIES))))
                .andExpect(status().isForbidden());

        assertThat(countVersions()).isEqualTo(before);
    }

    private int countVersions() {
        return jdbc.queryForObject("select count(*) from power_policy_version", Integer.class);
    }

    private JsonNode putYaml(String yaml, RequestPostProcessor user) throws Exception {
        String body = mvc.perform(put("/api/v1/policies").with(user).contentType(MediaType.APPLICATION_JSON)
                        .content(JSON.writeValueAsString(Map.of("yaml", yaml))))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        return JSON.readTree(body);
    }

    private JsonNode getJson(String path, RequestPostProcessor user) throws Exception {
        return JSON.readTree(mvc.perform(get(path).with(user)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString());
    }

    private static RequestPostProcessor admin() {
        return httpBasic("admin", ADMIN_PASSWORD);
    }
}
