package servmon.standalone;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import servmon.agent.Agent;
import servmon.events.ServerKey;
import tools.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Notifications wired into the whole system on the locked broker (the dashboard reads states with its own login and
 * consumer group): an agent reports, stops, the state monitor calls the server OFF, and after the 2 s the shared
 * system is set to ({@link SharedSystem}) one alert reaches the webhook.
 */
class NotificationEndToEndTest {

    @Test
    void a_server_that_stops_reporting_raises_one_webhook_alert(@TempDir Path dir) throws Exception {
        Standalone system = SharedSystem.get();
        DashboardApiClient api = new DashboardApiClient(system.httpPort(), "admin", SharedSystem.ADMIN_PASSWORD);
        String name = "alerted-" + UUID.randomUUID().toString().substring(0, 8);
        JsonNode created = api.createServer(name, "52:54:00:ab:cd:ef");
        long id = created.get("id").asLong();
        ServerKey key = ServerKey.of(created.get("key").asString());

        Agent agent = Agent.start(TestAgents.config(system, key, Duration.ofSeconds(1), dir.resolve("agent.key")));
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> "ON".equals(api.state(id)));
        } finally {
            agent.close();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> "OFF".equals(api.state(id)));

        await().atMost(Duration.ofSeconds(60)).until(() -> !SharedSystem.alerts().about(name).isEmpty());
        JsonNode alert = SharedSystem.alerts().about(name).getFirst();
        assertThat(alert.path("rule").asString()).isEqualTo("server-off");
        assertThat(alert.path("serverId").asLong()).isEqualTo(id);
        assertThat(alert.path("summary").asString()).startsWith(name + ": OFF for ");
        assertThat(SharedSystem.alerts().about(name)).hasSize(1);
    }
}
