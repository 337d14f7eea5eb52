package servmon.standalone;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import servmon.agent.Agent;
import servmon.agent.simulate.LoadCurve;
import servmon.agent.simulate.ServerIdentity;
import servmon.agent.simulate.SimulatedFleet;
import servmon.agent.simulate.SimulationConfig;
import servmon.events.AgentControl;
import servmon.events.EventCodec;
import servmon.events.ServerId;
import servmon.events.ServerKey;
import servmon.events.Topics;
import tools.jackson.databind.JsonNode;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A server deleted on the dashboard while its agent runs, on the whole locked system: the dashboard's tombstone
 * reaches the wol-service, which signs a REMOVED order with the server's secret; the real agent stops and forgets its
 * key, and a simulated server stops being simulated, instead of reporting into the dead-letter topic for ever. An
 * agent that was not running then hears it from the ingestor when it reports again.
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

    @Test
    void an_agent_away_when_its_server_was_deleted_is_told_so_when_it_comes_back(@TempDir Path dir) throws Exception {
        Standalone system = SharedSystem.get();
        DashboardApiClient api = new DashboardApiClient(system.httpPort(), "admin", SharedSystem.ADMIN_PASSWORD);
        JsonNode server = api.createServer("away-" + UUID.randomUUID().toString().substring(0, 8), null);
        ServerKey key = ServerKey.of(server.get("key").asString());
        Path keyFile = dir.resolve("agent.key");
        Agent before = Agent.start(TestAgents.config(system, key, Duration.ofSeconds(1), keyFile));
        try {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertThat(api.state(server.get("id").asLong())).isEqualTo("ON");
                assertThat(keyFile).exists();  // accepted, remembered
            });
        } finally {
            before.close();  // the server goes to sleep, or is switched off
        }

        api.deleteServer(server.get("id").asLong());
        // the wol-service's order went out while no agent listened; an agent reads its partition from the end
        awaitRemovedOrder(system, ServerId.of(key));

        Agent after = Agent.start(TestAgents.config(system, key, Duration.ofSeconds(1), keyFile));
        try {
            // the ingestor answers its first report with the same signed order, and the agent stops
            // (the command line exits with code 5 on it, AgentCli.EXIT_REMOVED)
            assertThat(after.awaitStopped(Duration.ofSeconds(60))).as("the agent stopped by itself").isTrue();
            assertThat(after.removal()).map(AgentControl::type).contains(AgentControl.Type.REMOVED);
            assertThat(keyFile).doesNotExist();
        } finally {
            after.close();
        }
    }

    /** Waits for the wol-service's REMOVED order to {@code id}, read as an operator does (the super user's login). */
    private static void awaitRemovedOrder(Standalone system, ServerId id) {
        Map<String, Object> props = new HashMap<>(system.adminKafkaProperties());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "e2e-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.AGENT_CONTROL.name()));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (id.value().equals(record.key()) && EventCodec.decode(record.value(), AgentControl.class)
                            .type() == AgentControl.Type.REMOVED) {
                        return true;
                    }
                }
                return false;
            });
        }
    }

    private static ServerIdentity identity(String name, JsonNode created) {
        return new ServerIdentity(name, ServerKey.of(created.get("key").asString()));
    }
}
