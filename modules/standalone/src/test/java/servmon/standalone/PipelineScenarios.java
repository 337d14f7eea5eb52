package servmon.standalone;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import servmon.agent.Agent;
import servmon.events.DeadLetterHeaders;
import servmon.events.ServerId;
import servmon.events.ServerKey;
import servmon.events.Topics;
import tools.jackson.databind.JsonNode;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole loop as a user meets it: register a server through the API, run an agent with its key, see samples
 * stored and the server ON, stop the agent and see OFF within 2 x interval + 1 s, wake it and catch the magic
 * packet on a real UDP socket. Subclasses supply the infrastructure (in-process, or containers).
 */
abstract class PipelineScenarios {

    static final String ADMIN_PASSWORD = SharedSystem.ADMIN_PASSWORD;
    static final Duration INTERVAL = Duration.ofSeconds(1);

    abstract Standalone system();

    abstract DatagramSocket wakeListener();

    abstract String dbUser();

    abstract String dbPassword();

    @Test
    void registered_agent_is_stored_turns_on_then_off_within_the_timeout_and_is_woken(
            @org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        DashboardApiClient api = new DashboardApiClient(system().httpPort(), "admin", ADMIN_PASSWORD);
        String mac = "52:54:00:12:34:56";
        JsonNode created = api.createServer("e2e-" + UUID.randomUUID().toString().substring(0, 8), mac);
        long id = created.get("id").asLong();
        ServerKey key = ServerKey.of(created.get("key").asString());
        assertThat(api.state(id)).isEqualTo("EMPTY");

        Agent agent = Agent.start(TestAgents.config(system(), key, INTERVAL, dir.resolve("agent.key")));
        try {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertThat(sampleCount(id)).isGreaterThanOrEqualTo(2);
                assertThat(api.state(id)).isEqualTo("ON");
            });
            assertThat(agent.enrollment().get().accepted()).isTrue();
            assertThat(Files.exists(dir.resolve("agent.key"))).as("accepted key is remembered").isTrue();
        } finally {
            agent.close();
        }
        long stoppedAt = System.nanoTime();

        // The promise is OFF within 2 x interval + 1 s of the last report: its timing is tested on the monitor's
        // topology with a fake clock and measured by bench/sleep-wake.sh. Here the whole system shares a loaded
        // machine, so the bound is generous, and the time is printed.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> "OFF".equals(api.state(id)));
        System.out.printf("[e2e] OFF seen %d ms after the agent stopped (promised within 2 x %d s + 1 s)%n",
                Duration.ofNanos(System.nanoTime() - stoppedAt).toMillis(), INTERVAL.toSeconds());

        api.wake(id);
        byte[] packet = receive(wakeListener());
        assertThat(packet).hasSize(102).isEqualTo(expectedMagicPacket(mac));

        // the key is the agent's secret: after the whole loop it is on no topic and in no table
        assertThat(topicRecordsHolding(key.value())).as("records holding the key").isEmpty();
        assertThat(columnsHolding(key.value())).as("database columns holding the key").isEmpty();
    }

    /** Every record of every topic (services' internal ones too) whose key, value or a header holds {@code text}. */
    private List<String> topicRecordsHolding(String text) throws Exception {
        byte[] wanted = text.getBytes(StandardCharsets.UTF_8);
        Map<String, Object> props = new HashMap<>(system().adminKafkaProperties());
        List<String> found = new java.util.ArrayList<>();
        try (var admin = org.apache.kafka.clients.admin.Admin.create(props);
             var consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            java.util.Set<String> topics = admin.listTopics().names().get();
            List<org.apache.kafka.common.TopicPartition> partitions = new java.util.ArrayList<>();
            for (String topic : topics) {
                consumer.partitionsFor(topic).forEach(info ->
                        partitions.add(new org.apache.kafka.common.TopicPartition(topic, info.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<org.apache.kafka.common.TopicPartition, Long> end = consumer.endOffsets(partitions);
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    boolean holds = contains(record.key(), wanted) || contains(record.value(), wanted);
                    for (Header header : record.headers()) {
                        holds |= contains(header.value(), wanted);
                    }
                    if (holds) {
                        found.add(record.topic() + "-" + record.partition() + "@" + record.offset());
                    }
                }
                return partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p));
            });
            assertThat(topics).as("the scan covered the event topics").containsAll(
                    Topics.ALL.stream().map(servmon.events.TopicSpec::name).toList());
        }
        return found;
    }

    /** Byte for byte: ISO-8859-1 maps each byte to one char, whatever the bytes are. */
    private static boolean contains(byte[] haystack, byte[] needle) {
        return haystack != null && new String(haystack, StandardCharsets.ISO_8859_1)
                .contains(new String(needle, StandardCharsets.ISO_8859_1));
    }

    /** Every text column of servmon's schema that holds {@code text} in some row, as table.column. */
    private List<String> columnsHolding(String text) throws Exception {
        List<String> found = new java.util.ArrayList<>();
        try (Connection c = DriverManager.getConnection(system().jdbcUrl(), dbUser(), dbPassword());
             PreparedStatement columns = c.prepareStatement("SELECT table_name, column_name FROM"
                     + " information_schema.columns WHERE table_schema = DATABASE() AND data_type IN"
                     + " ('char', 'varchar', 'text', 'mediumtext', 'longtext', 'tinytext', 'blob', 'mediumblob',"
                     + " 'longblob', 'varbinary', 'binary')");
             ResultSet rs = columns.executeQuery()) {
            while (rs.next()) {
                String table = rs.getString(1);
                String column = rs.getString(2);
                try (PreparedStatement count = c.prepareStatement("SELECT COUNT(*) FROM `" + table + "` WHERE INSTR(`"
                        + column + "`, ?) > 0")) {
                    count.setString(1, text);
                    try (ResultSet n = count.executeQuery()) {
                        n.next();
                        if (n.getLong(1) > 0) {
                            found.add(table + "." + column);
                        }
                    }
                }
            }
        }
        return found;
    }

    @Test
    void unknown_key_is_refused_with_advice_and_its_reports_are_dead_lettered(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        ServerKey unknownKey = ServerKey.random();
        ServerId unknown = ServerId.of(unknownKey);
        Agent agent = Agent.start(TestAgents.config(system(), unknownKey, INTERVAL, dir.resolve("agent.key")));
        try {
            var reply = agent.enrollment().get(60, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(reply.accepted()).isFalse();
            assertThat(reply.message()).contains("Add Server");
        } finally {
            agent.close();
        }
        assertThat(Files.exists(dir.resolve("agent.key"))).as("a refused key is not remembered").isFalse();
        assertThat(deadLetterReason(unknown.value())).contains("unknown server");
    }

    @Test
    void malformed_report_is_dead_lettered_with_the_reason_and_the_pipeline_keeps_going() throws Exception {
        String key = "garbage-" + UUID.randomUUID().toString().substring(0, 8);
        // sent with an agent's login: the worst any agent could do
        try (var producer = new KafkaProducer<>(client(system().agentKafkaProperties()),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.METRICS.name(), key,
                    "{\"v\":1,\"cpuPct\":".getBytes(StandardCharsets.UTF_8))).get();
        }
        assertThat(deadLetterReason(key)).startsWith("malformed MetricReport");
    }

    @Test
    void the_ingestor_and_the_state_monitor_refuse_the_same_report_each_to_the_dead_letter_topic() throws Exception {
        ServerId key = ServerId.random();
        String report = "{\"v\":1,\"serverId\":\"" + key.value() + "\",\"sampledAt\":\"" + java.time.Instant.now()
                + "\",\"seq\":1,\"intervalS\":1,\"cpuPct\":140.0,\"userCount\":0}";
        try (var producer = new KafkaProducer<>(client(system().agentKafkaProperties()),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.METRICS.name(), key.value(),
                    report.getBytes(StandardCharsets.UTF_8))).get();
        }

        List<ConsumerRecord<byte[], byte[]>> dead = deadLetters(key.value(), 2);

        assertThat(dead).extracting(record -> header(record, DeadLetterHeaders.REFUSED_BY))
                .containsExactlyInAnyOrder("servmon-ingestor", "servmon-state-monitor");
        assertThat(dead).extracting(record -> header(record, DeadLetterHeaders.REASON))
                .containsOnly("invalid MetricReport: cpuPct must be less than or equal to 100 (got 140.0)");
    }

    private long sampleCount(long serverId) throws Exception {
        try (Connection c = DriverManager.getConnection(system().jdbcUrl(), dbUser(), dbPassword());
             PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM metric_sample WHERE server_id = ?")) {
            s.setLong(1, serverId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Waits for {@code count} records of {@code key} on the metrics dead-letter topic. */
    private List<ConsumerRecord<byte[], byte[]>> deadLetters(String key, int count) {
        // read as an operator does: the super user's login on the locked broker
        Map<String, Object> props = new HashMap<>(system().adminKafkaProperties());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "e2e-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (var consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.METRICS_DLT.name()));
            List<ConsumerRecord<byte[], byte[]>> found = new java.util.ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.key() != null && key.equals(new String(record.key(), StandardCharsets.UTF_8))) {
                        found.add(record);
                    }
                }
                return found.size() >= count;
            });
            return found;
        }
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        return Optional.ofNullable(record.headers().lastHeader(name)).map(Header::value)
                .map(v -> new String(v, StandardCharsets.UTF_8)).orElse(null);
    }

    private String deadLetterReason(String key) {
        // read as an operator does: the super user's login on the locked broker
        Map<String, Object> props = new HashMap<>(system().adminKafkaProperties());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "e2e-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (var consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.METRICS_DLT.name()));
            String[] reason = new String[1];
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.key() != null && key.equals(new String(record.key(), StandardCharsets.UTF_8))) {
                        reason[0] = Optional.ofNullable(record.headers().lastHeader(DeadLetterHeaders.REASON))
                                .map(Header::value).map(v -> new String(v, StandardCharsets.UTF_8)).orElse("");
                    }
                }
                return reason[0] != null;
            });
            return reason[0];
        }
    }

    /** Client settings for the system's broker with a login (none on an unsecured external broker). */
    private Map<String, Object> client(Map<String, String> login) {
        Map<String, Object> props = new HashMap<>(login);
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, system().kafkaBootstrap());
        return props;
    }

    private static byte[] receive(DatagramSocket socket) throws Exception {
        socket.setSoTimeout(30_000);
        DatagramPacket packet = new DatagramPacket(new byte[512], 512);
        socket.receive(packet);
        return Arrays.copyOf(packet.getData(), packet.getLength());
    }

    static byte[] expectedMagicPacket(String mac) {
        byte[] macBytes = HexFormat.ofDelimiter(":").parseHex(mac);
        byte[] expected = new byte[102];
        Arrays.fill(expected, 0, 6, (byte) 0xFF);
        for (int i = 0; i < 16; i++) {
            System.arraycopy(macBytes, 0, expected, 6 + i * 6, 6);
        }
        return expected;
    }
}
