package servmon.ingestor;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.jdbc.core.JdbcTemplate;
import servmon.embedded.EmbeddedKafkaBroker;
import servmon.events.EventCodec;
import servmon.events.MetricReport;
import servmon.events.PowerSource;
import servmon.events.RecordSignature;
import servmon.events.ServerId;
import servmon.events.ServerKey;
import servmon.events.ServmonEvent;
import servmon.events.SigningSecret;
import servmon.events.TopicSpec;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Test fixture: registers servers in the database and publishes records, as the other services do. */
final class Fleet {

    /** @param key the server's public id; {@code secret} what its agent signs with */
    record Server(long id, ServerId key, String name, SigningSecret secret) {
    }

    private static KafkaProducer<byte[], byte[]> producer;
    /** The secrets of the servers registered here: {@link #send} signs their reports as their agents would. */
    private static final Map<ServerId, SigningSecret> SECRETS = new ConcurrentHashMap<>();

    private Fleet() {
    }

    /** Inserts a row into {@code server}, as the dashboard's Add Server does. */
    static Server register() {
        ServerKey agentKey = ServerKey.random();
        ServerId key = ServerId.of(agentKey);
        SigningSecret secret = SigningSecret.of(agentKey);
        String name = "srv-" + UUID.randomUUID().toString().substring(0, 8);
        JdbcTemplate jdbc = RunningIngestor.jdbc();
        jdbc.update("INSERT INTO server (public_id, signing_secret, name, created_at) VALUES (?, ?, ?, ?)",
                key.value(), secret.toText(), name, Timestamp.from(Instant.now()));
        long id = jdbc.queryForObject("SELECT id FROM server WHERE public_id = ?", Long.class, key.value());
        SECRETS.put(key, secret);
        return new Server(id, key, name, secret);
    }

    static MetricReport report(ServerId key, Instant sampledAt, long seq, double cpuPct) {
        return new MetricReport(ServmonEvent.VERSION, key, sampledAt, seq, 8, "boot-1", "host-" + key.value(),
                cpuPct, 95.5, PowerSource.ESTIMATE, 2, 1_000L, 8_000L, 0.5, 10L, 100L, 1L, 2L, 45.0, 3600L, List.of());
    }

    /** A recent instant, whole milliseconds, as the database stores it. */
    static Instant recent(int secondsAgo) {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(secondsAgo);
    }

    /** Signed with the server's secret when it was registered here, as its agent would sign it. */
    static RecordMetadata send(TopicSpec topic, ServerId key, ServmonEvent event) {
        return sendSigned(topic, key, event, SECRETS.get(key));
    }

    /** @param signer null for an unsigned record */
    static RecordMetadata sendSigned(TopicSpec topic, ServerId key, ServmonEvent event, SigningSecret signer) {
        return sendSigned(topic, null, key, event, signer);
    }

    /** On {@code partition}, null for the partitioner's choice. */
    static RecordMetadata sendSigned(TopicSpec topic, Integer partition, ServerId key, ServmonEvent event,
                                     SigningSecret signer) {
        byte[] keyBytes = key.value().getBytes(StandardCharsets.UTF_8);
        byte[] value = event == null ? null : EventCodec.encode(event);
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic.name(), partition, keyBytes, value);
        if (signer != null) {
            RecordSignature.sign(signer, topic.name(), keyBytes, value, record.headers());
        }
        return send(record);
    }

    static RecordMetadata send(String topic, Integer partition, byte[] key, byte[] value) {
        return send(new ProducerRecord<>(topic, partition, key, value));
    }

    private static RecordMetadata send(ProducerRecord<byte[], byte[]> record) {
        String topic = record.topic();
        try {
            return producer().send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not publish to " + topic, e);
        }
    }

    static int sampleCount(Server server) {
        return RunningIngestor.jdbc().queryForObject("SELECT COUNT(*) FROM metric_sample WHERE server_id = ?",
                Integer.class, server.id());
    }

    private static synchronized KafkaProducer<byte[], byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedKafkaBroker.shared().bootstrapServers(),
                    ProducerConfig.ACKS_CONFIG, "all"), new ByteArraySerializer(), new ByteArraySerializer());
        }
        return producer;
    }
}
