package servmon.bench.power;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import servmon.events.MetricReport;
import servmon.events.RecordSignature;
import servmon.events.SigningSecret;
import servmon.events.ServerId;
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
    /** @param key the server's secret key, which only its (simulated) agent holds; the database has its id only */
    record BenchServer(long id, ServerKey key, String name) {

        ServerId serverId() {
            return ServerId.of(key);
        }
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
        Map<String, ServerKey> keys = new HashMap<>();
        try (Connection c = DriverManager.getConnection(system.jdbcUrl(), system.jdbcUser(), system.jdbcPassword())) {
            c.setAutoCommit(false);
            // as the dashboard stores a server: its public id and signing secret, never the key
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO server (public_id, signing_secret, name, created_at) VALUES (?, ?, ?, ?)")) {
                for (int i = 1; i <= count; i++) {
                    ServerKey key = ServerKey.random();
                    String name = String.format("%s-%05d", prefix, i);
                    keys.put(name, key);
                    insert.setString(1, ServerId.of(key).value());
                    insert.setString(2, SigningSecret.of(key).toText());
                    insert.setString(3, name);
                    insert.setObject(4, at);
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
                    "SELECT id, name FROM server WHERE name LIKE ? ORDER BY id")) {
                select.setString(1, prefix + "-%");
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        servers.add(new BenchServer(rs.getLong(1), keys.get(rs.getString(2)), rs.getString(2)));
                    }
                }
            }
            c.commit();
        }
        for (BenchServer server : servers) {
            publish(Topics.SERVERS, server.serverId(), new ServerRegistered(ServmonEvent.VERSION, server.serverId(),
                    server.id(), server.name(), null, now, null, SigningSecret.of(server.key())));
        }
        producer.flush();
        return servers;
    }

    /** Publishes with plain kafka-clients, as any system may; does not wait for the broker. */
    void publish(TopicSpec topic, ServerId id, ServmonEvent event) {
        producer.send(new ProducerRecord<>(topic.name(), id.value(), EventCodec.encode(event)));
    }

    /** A report as the server's agent sends it: keyed by its id, signed with the secret of its key. */
    void publishReport(BenchServer server, MetricReport report) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.METRICS.name(), server.serverId().value(),
                EventCodec.encode(report));
        RecordSignature.sign(SigningSecret.of(server.key()), record.topic(), record.key(), record.value(),
                record.headers());
        producer.send(record);
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
