package servmon.wol;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import servmon.events.CommandId;
import servmon.events.EventCodec;
import servmon.events.InvalidEventException;
import servmon.events.Topics;
import servmon.events.WakeResult;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.IntStream;

import static org.awaitility.Awaitility.await;

/** Reads servmon.wake-results.v1 from the beginning, as a dashboard would, without a consumer group. */
final class WakeResultsReader implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();

    WakeResultsReader(String bootstrapServers) {
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = IntStream.range(0, Topics.WAKE_RESULTS.partitions())
                .mapToObj(partition -> new TopicPartition(Topics.WAKE_RESULTS.name(), partition))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Waits for the result of one command and returns it with the Kafka key it was published under. */
    synchronized ConsumerRecord<String, byte[]> recordOf(CommandId commandId) {
        return await().atMost(Duration.ofSeconds(30)).pollInSameThread()
                .until(() -> {
                    consumer.poll(Duration.ofMillis(100)).forEach(records::add);
                    return find(commandId).orElse(null);
                }, Objects::nonNull);
    }

    WakeResult resultOf(CommandId commandId) throws InvalidEventException {
        return EventCodec.decode(recordOf(commandId).value(), WakeResult.class);
    }

    /** Reads whatever has arrived since the last read. */
    synchronized void poll() {
        consumer.poll(Duration.ofMillis(100)).forEach(records::add);
    }

    /** Every result read so far, in the order of their partitions. */
    synchronized List<WakeResult> readSoFar() {
        return records.stream().map(WakeResultsReader::decode).toList();
    }

    private Optional<ConsumerRecord<String, byte[]>> find(CommandId commandId) {
        return records.stream().filter(record -> decode(record).commandId().equals(commandId)).findFirst();
    }

    private static WakeResult decode(ConsumerRecord<String, byte[]> record) {
        try {
            return EventCodec.decode(record.value(), WakeResult.class);
        } catch (InvalidEventException e) {
            throw new AssertionError("the wol-service published an unreadable wake result: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        consumer.close();
    }
}
