package servmon.agent;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import servmon.events.EventCodec;
import servmon.events.InvalidEventException;
import servmon.events.ServerId;
import servmon.events.ServmonEvent;
import servmon.events.TopicSpec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.IntStream;

import static org.awaitility.Awaitility.await;

/** Reads a whole topic from the start, as a servmon service would, and keeps the decoded events it saw. */
public final class TopicReader<T extends ServmonEvent> implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final Class<T> type;
    private final List<Keyed<T>> seen = new ArrayList<>();

    /** An event with the key it was published under. */
    public record Keyed<T>(String key, T event) {
    }

    public TopicReader(String bootstrap, TopicSpec topic, Class<T> type) {
        this.type = type;
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(),
                new ByteArrayDeserializer());
        List<TopicPartition> partitions = IntStream.range(0, topic.partitions())
                .mapToObj(p -> new TopicPartition(topic.name(), p)).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Everything published under this key so far, oldest first within its partition. */
    public List<T> eventsFor(ServerId key) {
        poll();
        return seen.stream().filter(k -> key.value().equals(k.key())).map(Keyed::event).toList();
    }

    public List<Keyed<T>> all() {
        poll();
        return List.copyOf(seen);
    }

    /** Waits (30 s at most) until the events under this key satisfy the condition; returns them. */
    public List<T> awaitEvents(ServerId key, Predicate<List<T>> condition) {
        return await().pollInSameThread().atMost(Duration.ofSeconds(30))
                .until(() -> eventsFor(key), condition::test);
    }

    private void poll() {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
            try {
                seen.add(new Keyed<>(record.key(), EventCodec.decode(record.value(), type)));
            } catch (InvalidEventException e) {
                throw new AssertionError("an invalid " + type.getSimpleName() + " was published: " + e.getMessage(), e);
            }
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
