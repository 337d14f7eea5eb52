package servmon.standalone;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import servmon.agent.simulate.LoadCurve;
import servmon.agent.simulate.ServerIdentity;
import servmon.agent.simulate.SimulatedFleet;
import servmon.agent.simulate.SimulationConfig;
import servmon.dashboard.database.DatabaseHealth;
import servmon.embedded.EmbeddedMariaDb;
import servmon.events.ServerId;
import servmon.events.ServerKey;
import servmon.events.Topics;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The embedded database killed (-9) while a fleet reports: servmon starts it again by itself; meanwhile the API
 * answers 503 with the reason (never 401) and the dashboard knows since when; afterwards every report is stored,
 * because the ingestor commits its Kafka offsets only after the database commit and replays the rest.
 */
class DatabaseOutageEndToEndTest {

    private static final int SERVERS = 40;

    @Test
    void database_killed_under_load_is_restarted_with_503_meanwhile_and_no_sample_lost() throws Exception {
        Standalone system = SharedSystem.get();
        EmbeddedMariaDb database = system.embeddedDatabase().orElseThrow();
        DatabaseHealth health = system.dashboardContext().getBean(DatabaseHealth.class);
        DashboardApiClient api = new DashboardApiClient(system.httpPort(), "admin", SharedSystem.ADMIN_PASSWORD);
        DashboardApiClient wrongPassword = new DashboardApiClient(system.httpPort(), "admin", "not-the-password");
        List<ServerIdentity> fleet = new ArrayList<>();
        Map<String, Long> idByKey = new HashMap<>();
        for (int i = 0; i < SERVERS; i++) {
            String name = "outage-" + UUID.randomUUID().toString().substring(0, 8);
            JsonNode created = api.createServer(name, null);
            fleet.add(new ServerIdentity(name, ServerKey.of(created.get("key").asString())));
            idByKey.put(created.get("key").asString(), created.get("id").asLong());
        }

        try (SimulatedFleet simulated = SimulatedFleet.start(new SimulationConfig(system.kafkaBootstrap(), fleet,
                Duration.ofSeconds(1), LoadCurve.builtInDaily(), Duration.ofSeconds(2), SharedSystem.simulatorWolPort(),
                0, Duration.ZERO, system.agentKafkaProperties()), new PrintStream(OutputStream.nullOutputStream()))) {
            await().atMost(Duration.ofSeconds(60)).until(() -> storedSamples(system, idByKey.values()).size() == SERVERS);

            ProcessHandle killed = database.serverProcess();
            killed.destroyForcibly();
            killed.onExit().get(30, TimeUnit.SECONDS);
            // Taking the port before the restart binds it keeps every restart failing, so that the outage lasts
            // while this test looks at it; servmon keeps trying and gets through once the port is free again.
            try (ServerSocket squatter = takePort(database.port())) {
                await().atMost(Duration.ofSeconds(30)).until(() -> health.outage().isPresent());
                for (DashboardApiClient client : List.of(api, wrongPassword)) {
                    HttpResponse<String> response = client.get("/servers");
                    assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
                    assertThat(response.body()).contains("the database is unavailable", "unavailableSince");
                    assertThat(response.headers().firstValue("Retry-After")).isPresent();
                }
                // the fleet goes on reporting into Kafka for a few seconds of outage
                await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                        .until(() -> health.outage().isPresent());
            }

            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                    .until(() -> api.get("/servers?limit=1").statusCode() == 200);
            assertThat(database.serverProcess().pid()).as("a new mariadbd").isNotEqualTo(killed.pid());
            assertThat(health.outage()).isEmpty();
        }

        // The fleet has stopped: what it published is all there is. Each server's samples are all stored, and
        // their seq runs without a gap.
        Map<Long, Long> published = publishedReports(system, idByKey);
        assertThat(published.values()).allMatch(n -> n >= 5);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            Map<Long, Stored> stored = storedSamples(system, idByKey.values());
            for (Map.Entry<Long, Long> server : published.entrySet()) {
                Stored samples = stored.get(server.getKey());
                assertThat(samples).as("server %d", server.getKey()).isNotNull();
                assertThat(samples.count()).as("samples of server %d", server.getKey()).isEqualTo(server.getValue());
                assertThat(samples.maxSeq() - samples.minSeq() + 1).as("seq without gaps").isEqualTo(samples.count());
            }
        });
    }

    private static ServerSocket takePort(int port) {
        ServerSocket[] taken = new ServerSocket[1];
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10)).ignoreExceptions().until(() -> {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            try {
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            } catch (IOException e) {
                socket.close();
                throw e;
            }
            taken[0] = socket;
            return true;
        });
        return taken[0];
    }

    private record Stored(long count, long minSeq, long maxSeq) {
    }

    private static Map<Long, Stored> storedSamples(Standalone system, java.util.Collection<Long> ids) throws Exception {
        String in = String.join(",", ids.stream().map(String::valueOf).toList());
        Map<Long, Stored> stored = new HashMap<>();
        try (Connection c = DriverManager.getConnection(system.jdbcUrl(), system.jdbcUser(), system.jdbcPassword());
             PreparedStatement s = c.prepareStatement("SELECT server_id, COUNT(*), MIN(seq), MAX(seq) FROM metric_sample"
                     + " WHERE server_id IN (" + in + ") GROUP BY server_id");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                stored.put(rs.getLong(1), new Stored(rs.getLong(2), rs.getLong(3), rs.getLong(4)));
            }
        }
        return stored;
    }

    /** Reports on the metrics topic per server id, whether the topic is keyed by the server's key or its id. */
    private static Map<Long, Long> publishedReports(Standalone system, Map<String, Long> idByKey) {
        Map<String, Long> idByRecordKey = new HashMap<>(idByKey);
        idByKey.values().forEach(id -> idByRecordKey.put(String.valueOf(id), id));
        // an operator's read of the topic: the super user's login on the locked broker
        Map<String, Object> props = new HashMap<>(system.adminKafkaProperties());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "outage-count-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        Map<Long, Long> counts = new HashMap<>();
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(Set.of(Topics.METRICS.name()));
            // read to the end offsets taken once assigned: the fleet has stopped, nothing more arrives for ours
            Map<org.apache.kafka.common.TopicPartition, Long> end = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    Long id = record.key() == null ? null : idByRecordKey.get(record.key());
                    if (id != null) {
                        counts.merge(id, 1L, Long::sum);
                    }
                }
                if (end == null && !consumer.assignment().isEmpty()) {
                    end = consumer.endOffsets(consumer.assignment());
                }
                if (end != null && end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                    return counts;
                }
            }
        }
        throw new AssertionError("could not read the metrics topic to its end within 60 s");
    }
}
