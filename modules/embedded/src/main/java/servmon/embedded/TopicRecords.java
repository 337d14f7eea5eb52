package servmon.embedded;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A topic of the {@linkplain EmbeddedKafkaBroker#shared() shared test broker} as it stands now, read from the
 * beginning to its end without a consumer group: for tests' assertions on what a service published. Topic names and
 * keys are plain text here because this module sits below the one that knows them ({@code servmon-events}).
 */
public final class TopicRecords {

    /** Reading a topic to its end on a loopback broker takes well under a second; longer means it is stuck. */
    private static final Duration READ_LIMIT = Duration.ofSeconds(10);

    private TopicRecords() {
    }

    /** Every record of {@code key} on {@code topic}, oldest first within each partition. */
    public static List<ConsumerRecord<String, byte[]>> of(String topic, String key) {
        return all(topic).stream().filter(record -> key.equals(record.key())).toList();
    }

    /** Every record on {@code topic}, oldest first within each partition. */
    public static List<ConsumerRecord<String, byte[]>> all(String topic) {
        Map<String, Object> config = new HashMap<>(EmbeddedKafkaBroker.shared().adminProperties());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, byte[]> consumer =
                     new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + READ_LIMIT.toNanos();
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end in " + READ_LIMIT);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    /** A header's value as text, null when the record has none. */
    public static String header(ConsumerRecord<?, ?> record, String name) {
        var header = Objects.requireNonNull(record, "record").headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
