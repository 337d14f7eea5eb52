package servmon.events;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * The latest value per server id of a compacted topic ({@link Topics#SERVERS}, {@link Topics#SERVER_STATE}),
 * kept in memory by a consumer that reads every partition from the beginning and then follows new records.
 * No consumer group: every instance of a service needs the whole table, not a share of it.
 */
public final class CompactedTopicView<V extends ServmonEvent> implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CompactedTopicView.class);

    private final TopicSpec topic;
    private final Class<V> type;
    private final KafkaConsumer<String, byte[]> consumer;
    private final BiConsumer<ServerId, V> onChange;
    private volatile BiConsumer<ServerId, V> onRemoval = (key, last) -> { };
    private final Map<ServerId, V> latest = new ConcurrentHashMap<>();
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final Thread poller;
    private volatile boolean running = true;

    /**
     * @param onChange called on the polling thread after each change; the value is null when the key was removed
     */
    public CompactedTopicView(String bootstrapServers, TopicSpec topic, Class<V> type, BiConsumer<ServerId, V> onChange) {
        this(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), topic, type, onChange);
    }

    /**
     * @param connection the service's client settings: bootstrap servers and how it logs in ({@code security.*},
     *                   {@code sasl.*}, {@code ssl.*}); any other setting (a group, fetch sizes) is not this view's
     * @param onChange   called on the polling thread after each change; the value is null when the key was removed
     */
    public CompactedTopicView(Map<String, ?> connection, TopicSpec topic, Class<V> type,
                              BiConsumer<ServerId, V> onChange) {
        this.topic = topic;
        this.type = type;
        this.onChange = onChange;
        Properties props = new Properties();
        connection.forEach((name, value) -> {
            if (name.equals(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG) || name.startsWith("security.")
                    || name.startsWith("sasl.") || name.startsWith("ssl.")) {
                props.put(name, value);
            }
        });
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // the state monitor writes transactionally: never show a change it aborted
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "servmon-view-" + topic.name());
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        this.poller = Thread.ofPlatform().daemon().name("view-" + topic.name()).unstarted(this::run);
    }

    public CompactedTopicView(String bootstrapServers, TopicSpec topic, Class<V> type) {
        this(bootstrapServers, topic, type, (key, value) -> { });
    }

    public CompactedTopicView(Map<String, ?> connection, TopicSpec topic, Class<V> type) {
        this(connection, topic, type, (key, value) -> { });
    }

    /**
     * Calls {@code onRemoval} on the polling thread with the last value of each key a tombstone removes, before the
     * view forgets it (a tombstone for a key it holds no value of calls nothing): for what must still be done with
     * that value. Called for the tombstones read while catching up too. Set it before {@link #start}.
     */
    public CompactedTopicView<V> onRemoval(BiConsumer<ServerId, V> onRemoval) {
        this.onRemoval = onRemoval;
        return this;
    }

    public CompactedTopicView<V> start() {
        poller.start();
        return this;
    }

    /** Waits until everything that was on the topic when the view started has been read. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public Optional<V> get(ServerId key) {
        return Optional.ofNullable(latest.get(key));
    }

    public Map<ServerId, V> snapshot() {
        return Map.copyOf(latest);
    }

    private void run() {
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> endAtStart = consumer.endOffsets(partitions);
            while (running) {
                try {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                        apply(record);
                    }
                } catch (WakeupException e) {
                    throw e;
                } catch (RuntimeException e) {
                    // Keep following: a view that stopped silently would answer from a frozen table forever.
                    log.warn("Reading {} failed, retrying in 1 s: {}", topic.name(), e.toString());
                    Thread.sleep(1_000);
                    continue;
                }
                if (caughtUp.getCount() > 0 && endAtStart.entrySet().stream()
                        .allMatch(end -> consumer.position(end.getKey()) >= end.getValue())) {
                    caughtUp.countDown();
                    log.info("Read {} entries of {}", latest.size(), topic.name());
                }
            }
        } catch (WakeupException | InterruptedException e) {
            // closing
        } catch (RuntimeException e) {
            log.error("Stopped following {}: {}", topic.name(), e.toString(), e);
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        ServerId key;
        try {
            key = ServerId.of(record.key());
        } catch (IllegalArgumentException e) {
            log.warn("Skipped a record of {} at offset {} with an invalid key", topic.name(), record.offset());
            return;
        }
        if (record.value() == null) {
            V last = latest.get(key);
            if (last != null) {
                try {
                    onRemoval.accept(key, last);
                } catch (RuntimeException e) {
                    // the view goes on: the records behind this one must not be lost to a failed callback
                    log.warn("Handling the removal of {} from {} failed: {}", key, topic.name(), e.toString(), e);
                }
                latest.remove(key);  // only now: whoever sees the key gone may rely on onRemoval having run
            }
            onChange.accept(key, null);
            return;
        }
        try {
            V value = EventCodec.decode(record.value(), type);
            latest.put(key, value);
            onChange.accept(key, value);
        } catch (InvalidEventException e) {
            // Not dead-lettered here: a view has no group and every instance rereads the topic at each start, so it
            // would dead-letter the record again and again. The topic's group consumer does it once.
            log.warn("Skipped {} at offset {}: {}", topic.name(), record.offset(), e.getMessage());
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            poller.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
