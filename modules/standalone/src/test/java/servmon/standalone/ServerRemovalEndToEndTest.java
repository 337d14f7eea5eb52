package servmon.standalone;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import servmon.agent.Agent;
import servmon.agent.simulate.LoadCurve;
import servmon.agent.simulate.ServerIdentity;
import servmon.agent.simulate.SimulatedFleet;
import servmon.agent.simulate.SimulationConfig;
import servmon.events.AgentControl;
import servmon.events.ServerId;
import servmon.events.ServerKey;
import tools.jackson.databind.JsonNode;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A server deleted on the dashboard while its agent runs, on the whole locked system: the dashboard's tombstone
 * reaches the wol-service, which signs a REMOVED order with the server's secret; the real agent stops and forgets its
 * key, and a simulated server stops being simulated, instead of reporting into the dead-letter topic for ever.
 */
class ServerRemovalEndToEndTest {

    @Test
    void a_deleted_servers_agent_stops_and_forgets_its_key(@TempDir Path dir) throws Exception {
        Standalone system = SharedSystem.get();
        DashboardApiClient api = new DashboardApiClient(system.httpPort(), "admin", SharedSystem.ADMIN_PASSWORD);
        JsonNode real = api.createServer("removed-" + UUID.randomUUID().toString().substring(0, 8), null);
        String simulatedName = "removed-sim-" + UUID.randomUUID().toString().substring(0, 8);
        JsonNode simulated = api.createServer(simulatedName, null);
        String keptName = "kept-sim-" + UUID.randomUUID().toString().substring(0, 8);
        JsonNode kept = api.createServer(keptName, null);
        Path keyFile = dir.resolve("agent.key");
        List<ServerIdentity> fleet = List.of(identity(simulatedName, simulated), identity(keptName, kept));

        Agent agent = Agent.start(TestAgents.config(system, ServerKey.of(real.get("key").asString()),
                Duration.ofSeconds(1), keyFile));
        try (SimulatedFleet simulator = SimulatedFleet.start(new SimulationConfig(system.kafkaBootstrap(), fleet,
                Duration.ofSeconds(1), LoadCurve.builtInDaily(), Duration.ofSeconds(2), 0, 0, Duration.ZERO,
                system.agentKafkaProperties()), new PrintStream(OutputStream.nullOutputStream()))) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertThat(api.state(real.get("id").asLong())).isEqualTo("ON");
                assertThat(api.state(simulated.get("id").asLong())).isEqualTo("ON");
                assertThat(keyFile).exists();  // accepted, remembered
            });

            api.deleteServer(real.get("id").asLong());
            api.deleteServer(simulated.get("id").asLong());

            assertThat(agent.awaitStopped(Duration.ofSeconds(60))).as("the agent stopped by itself").isTrue();
            assertThat(agent.removal()).map(AgentControl::type).contains(AgentControl.Type.REMOVED);
            assertThat(keyFile).doesNotExist();
            ServerId simulatedId = fleet.getFirst().id();
            await().atMost(Duration.ofSeconds(60)).until(() -> !simulator.simulates(simulatedId));
            assertThat(simulator.simulates(fleet.get(1).id())).as("its neighbour goes on").isTrue();
            assertThat(simulator.forgedOrders()).isZero();
        } finally {
            agent.close();
        }
    }

    private static ServerIdentity identity(String name, JsonNode created) {
        return new ServerIdentity(name, ServerKey.of(created.get("key").asString()));
    }
}
