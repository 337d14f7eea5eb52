package servmon.standalone;

import org.junit.jupiter.api.Test;
import servmon.agent.simulate.LoadCurve;
import servmon.agent.simulate.ServerIdentity;
import servmon.agent.simulate.SimulatedFleet;
import servmon.agent.simulate.SimulationConfig;
import servmon.events.ServerId;
import servmon.events.ServerKey;
import tools.jackson.databind.JsonNode;

import java.io.OutputStream;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The power loop as a user meets it, on the whole system with a simulated fleet (the agent's simulate mode): a server
 * is put to sleep through the API, shows ASLEEP (never OFF), is woken, comes back with a new boot id and the wake is
 * CONFIRMED in its power log. Magic packets go to the simulator's UDP port on 127.0.0.1 only.
 */
class SleepAndWakeEndToEndTest {

    private static final Duration BOOT_DELAY = Duration.ofSeconds(2);

    @Test
    void sleep_shows_asleep_then_a_wake_is_confirmed_by_a_new_boot_id() throws Exception {
        Standalone system = SharedSystem.get();
        DashboardApiClient api = new DashboardApiClient(system.httpPort(), "admin", SharedSystem.ADMIN_PASSWORD);
        List<ServerIdentity> fleet = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 2; i++) {  // two, so the one put to sleep is not its group's last awake server
            String name = "sim-" + UUID.randomUUID().toString().substring(0, 8);
            JsonNode created = api.createServer(name, null);
            ids.add(created.get("id").asLong());
            fleet.add(new ServerIdentity(name, ServerKey.of(created.get("key").asString())));
        }
        long id = ids.getFirst();

        try (SimulatedFleet simulated = SimulatedFleet.start(new SimulationConfig(system.kafkaBootstrap(), fleet,
                Duration.ofSeconds(1), LoadCurve.builtInDaily(), BOOT_DELAY, SharedSystem.simulatorWolPort(), 0,
                Duration.ZERO, system.agentKafkaProperties()), new PrintStream(OutputStream.nullOutputStream()))) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertThat(api.state(ids.get(0))).isEqualTo("ON");
                assertThat(api.state(ids.get(1))).isEqualTo("ON");
            });
            String bootBefore = bootId(system, id);

            JsonNode sleep = api.sleep(id, "SUSPEND", false, 202);
            // the order went out; a fast agent may already have accepted it by the time the API answers
            assertThat(sleep.get("status").asString()).isIn("SLEEP_SENT", "SLEEP_ACCEPTED");
            await().atMost(Duration.ofSeconds(30)).until(() -> "ASLEEP".equals(api.state(id)));
            assertThat(powerBeforeSleep(system, id)).as("what sleeping saves").isPositive();
            Thread.sleep(4_000);  // longer than 2 x 1 s + 0.5 s: asleep on purpose is never OFF
            assertThat(api.state(id)).isEqualTo("ASLEEP");

            String wake = api.wake(id).get("commandId").asString();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(steps(api, id, wake))
                    .contains("SENT", "CONFIRMED"));
            // the wol-service confirms from the state topic; the database has it once the ingestor has stored it
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(api.state(id)).isEqualTo("ON");
                assertThat(bootId(system, id)).as("it booted again").isNotEqualTo(bootBefore);
            });
            List<String> sleepSteps = steps(api, id, sleep.get("commandId").asString());
            assertThat(sleepSteps).contains("SLEEP_SENT", "SLEEP_ACCEPTED");
        }
    }

    private static List<String> steps(DashboardApiClient api, long id, String commandId) throws Exception {
        List<String> steps = new ArrayList<>();
        for (JsonNode step : api.powerLog(id)) {
            if (commandId.equals(step.get("commandId").asString())) {
                steps.add(step.get("status").asString());
            }
        }
        return steps;
    }

    private static String bootId(Standalone system, long id) throws Exception {
        return query(system, "SELECT boot_id FROM server_status WHERE server_id = ?", id);
    }

    private static double powerBeforeSleep(Standalone system, long id) throws Exception {
        String watts = query(system, "SELECT power_before_sleep_w FROM server_status WHERE server_id = ?", id);
        return watts == null ? 0 : Double.parseDouble(watts);
    }

    private static String query(Standalone system, String sql, long id) throws Exception {
        try (Connection c = DriverManager.getConnection(system.jdbcUrl(), system.jdbcUser(), system.jdbcPassword());
             PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
