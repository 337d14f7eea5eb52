package servmon.wol;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.Map;

/**
 * How this service's own Kafka consumers (the topic views, the read-back of unsettled wakes) reach the broker and
 * log in: as its listeners do (spring.kafka.bootstrap-servers, spring.kafka.security.*,
 * spring.kafka.properties.sasl.*).
 */
@Component
public class KafkaClientSettings {

    private final String bootstrapServers;
    private final Map<String, Object> consumer;

    KafkaClientSettings(KafkaConnectionDetails kafka, KafkaProperties kafkaProperties) {
        this.bootstrapServers = String.join(",", kafka.getBootstrapServers());
        Map<String, Object> consumer = new HashMap<>(kafkaProperties.buildConsumerProperties());
        consumer.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        this.consumer = Map.copyOf(consumer);
    }

    /** For messages that say where Kafka was looked for. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The consumer settings; callers copy them to add their own. */
    public Map<String, Object> consumer() {
        return consumer;
    }
}
