package servmon.bench;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import servmon.events.EventCodec;
import servmon.events.MetricReport;
import servmon.events.RecordSignature;
import servmon.events.ServerId;
import servmon.events.ServmonEvent;
import servmon.events.SigningSecret;
import servmon.events.TopicSpec;
import servmon.events.Topics;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sends reports exactly as an agent does (ReportPublisher: key = the server id, value = EventCodec JSON, topic
 * {@link Topics#METRICS}, signed with the server's {@link SigningSecret} in the {@link RecordSignature#HEADER} header,
 * without which the ingestor dead-letters it), from one producer for the whole simulated fleet.
 */
final class ReportProducer implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    ReportProducer(String bootstrapServers) {
        this(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    /** @param connection bootstrap servers and, on a locked broker, a login that may write what is sent */
    ReportProducer(Map<String, Object> connection) {
        // larger batches than an agent's: one producer stands in for thousands of agents
        Map<String, Object> props = new HashMap<>(connection);
        props.putAll(Map.of(
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 10,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.BUFFER_MEMORY_CONFIG, 128L * 1024 * 1024));
        producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    /** @param secret the signing secret of the report's server, as its agent holds it */
    void send(MetricReport report, SigningSecret secret) {
        String topic = Topics.METRICS.name();
        String key = report.serverId().value();
        byte[] value = EventCodec.encode(report);
        RecordHeaders headers = new RecordHeaders();
        RecordSignature.sign(secret, topic, key, value, headers);
        producer.send(new ProducerRecord<>(topic, null, key, value, headers),
                (metadata, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    }
                });
    }

    /** Any other event, keyed by its server id as every servmon publisher does (e.g. ServerRegistered). */
    void send(TopicSpec topic, ServerId key, ServmonEvent event) {
        producer.send(new ProducerRecord<>(topic.name(), key.value(), EventCodec.encode(event)), (metadata, e) -> {
            if (e != null) {
                failure.compareAndSet(null, e);
            }
        });
    }

    /** Waits until every report sent so far is acknowledged; fails if any was not. */
    void flush() {
        producer.flush();
        if (failure.get() != null) {
            throw new IllegalStateException("a report was not delivered", failure.get());
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
