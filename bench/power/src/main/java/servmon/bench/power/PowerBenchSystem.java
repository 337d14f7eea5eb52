package servmon.bench.power;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import servmon.events.EventCodec;
import servmon.events.ServerKey;
import servmon.events.ServerRegistered;
import servmon.events.ServmonEvent;
import servmon.events.TopicSpec;
import servmon.events.Topics;
import servmon.standalone.Standalone;
import servmon.standalone.StandaloneOptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The whole servmon in this JVM (embedded broker and MariaDB, all four services, no local agent), with magic packets
 * going to loopback destinations only, in a temporary home deleted on close; plus a producer for the public topics.
 */
final class PowerBenchSystem implements AutoCloseable {

    /** A registered server. */
    record BenchServer(long id, ServerKey key, String name) {
    }

    private final Standalone system;
    private final Path home;
    private final KafkaProducer<String, byte[]> producer;

    private PowerBenchSystem(Standalone system, Path home) {
        this.system = system;
        this.home = home;
        // it registers servers and publishes commands as the dashboard would: the super user's login covers both
        Map<String, Object> props = new HashMap<>(system.adminKafkaProperties());
        props.putAll(Map.of(
                ProducerConfig.CLIENT_ID_CONFIG, "servmon-bench-power",
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 0,  // a command leaves when published: its latency is what we time
                ProducerConfig.ENABLE_METRICS_PUSH_CONFIG, false));
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    /** @param wolPorts UDP ports on 127.0.0.1 that receive every magic packet */
    static PowerBenchSystem start(List<Integer> wolPorts, String dbBufferPool) throws IOException {
        BenchConditions.requireLoopbackOnly();
        Path home = Files.createTempDirectory("servmon-bench-power-");
        // a password of our own, so the first start prints none; the benchmarks never log in
        System.setProperty("servmon.dashboard.admin-password", UUID.randomUUID().toString());
        long started = System.nanoTime();
        Standalone system;
        try {
            system = Standalone.start(StandaloneOptions.defaults(Map.of())
                    .withHome(home)
                    .withPorts(0, 0)
                    .withLocalAgent(false)
                    .withDbBufferPool(dbBufferPool)
                    .withWolDestinations(wolPorts.stream().map(port -> "127.0.0.1:" + port).toList()));
        } catch (RuntimeException e) {
            deleteRecursively(home);
            throw e;
        }
        System.err.printf("servmon started in %.0f s (wol destinations %s)%n", (System.nanoTime() - started) / 1e9,
                wolPorts.stream().map(port -> "127.0.0.1:" + port).toList());
        return new PowerBenchSystem(system, home);
    }

    String kafkaBootstrap() {
        return system.kafkaBootstrap();
    }

    /** Bootstrap servers and the super user's login, for the benchmark's own readers. */
    Map<String, Object> kafkaClient() {
        return system.adminKafkaProperties();
    }

    /** How the simulated agents log in: the agents' shared login. */
    Map<String, String> agentKafkaProperties() {
        return system.agentKafkaProperties();
    }

    /**
     * Registers servers as the dashboard does (a {@code server} row, an EMPTY {@code server_status} row, then
     * {@link ServerRegistered} on the servers topic), in batches instead of one API call each.
     *
     * @param prefix names are {@code prefix-00001} …
     */
    List<BenchServer> register(String prefix, int count) throws SQLException {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        LocalDateTime at = LocalDateTime.ofInstant(now, ZoneOffset.UTC);  // the JDBC session's zone is UTC
        List<BenchServer> servers = new ArrayList<>(count);
        try (Connection c = DriverManager.getConnection(system.jdbcUrl(), system.jdbcUser(), system.jdbcPassword())) {
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO server (server_key, name, created_at) VALUES (?, ?, ?)")) {
                for (int i = 1; i <= count; i++) {
                    insert.setString(1, ServerKey.random().value());
                    insert.setString(2, String.format("%s-%05d", prefix, i));
                    insert.setObject(3, at);
                    insert.addBatch();
                    if (i % 1000 == 0) {
                        insert.executeBatch();
                    }
                }
                insert.executeBatch();
            }
            try (PreparedStatement status = c.prepareStatement("INSERT INTO server_status (server_id, state,"
                    + " state_since, updated_at) SELECT id, 'EMPTY', created_at, created_at FROM server WHERE name LIKE ?")) {
                status.setString(1, prefix + "-%");
                status.executeUpdate();
            }
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT id, server_key, name FROM server WHERE name LIKE ? ORDER BY id")) {
                select.setString(1, prefix + "-%");
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        servers.add(new BenchServer(rs.getLong(1), ServerKey.of(rs.getString(2)), rs.getString(3)));
                    }
                }
            }
            c.commit();
        }
        for (BenchServer server : servers) {
            publish(Topics.SERVERS, server.key(), new ServerRegistered(ServmonEvent.VERSION, server.key(), server.id(),
                    server.name(), null, now));
        }
        producer.flush();
        return servers;
    }

    /** Publishes with plain kafka-clients, as any system may; does not wait for the broker. */
    void publish(TopicSpec topic, ServerKey key, ServmonEvent event) {
        producer.send(new ProducerRecord<>(topic.name(), key.value(), EventCodec.encode(event)));
    }

    void flush() {
        producer.flush();
    }

    @Override
    public void close() throws IOException {
        producer.close();
        system.close();
        deleteRecursively(home);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
