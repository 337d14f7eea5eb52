package servmon.bench.power;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import servmon.events.CommandId;
import servmon.events.EventCodec;
import servmon.events.InvalidEventException;
import servmon.events.ServerId;
import servmon.events.ServerState;
import servmon.events.ServerStateChanged;
import servmon.events.Topics;
import servmon.events.WakeResult;
import servmon.events.WakeStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

/**
 * What servmon says, as any client reads it: every {@link ServerStateChanged} and {@link WakeResult} committed after
 * the watch started, each with the instant (and nanoTime) it reached this process. States come from the topic, never
 * from polling the database.
 */
final class FleetWatch implements AutoCloseable {

    /**
     * A state change as received.
     *
     * @param publishedAt the record's timestamp: when the state monitor published it, before its transaction committed
     */
    record StateSeen(ServerStateChanged event, Instant publishedAt, Instant receivedAt, long receivedNanos) {
    }

    /** A wake or sleep result as received. */
    record ResultSeen(WakeResult result, Instant receivedAt, long receivedNanos) {
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread thread;
    private final Map<ServerId, ServerStateChanged> latest = new ConcurrentHashMap<>();
    private final List<StateSeen> states = new ArrayList<>();  // guarded by itself
    private final Map<CommandId, List<ResultSeen>> results = new ConcurrentHashMap<>();
    private volatile boolean running = true;

    /** @param connection bootstrap servers and a login that may read the states and wake results */
    FleetWatch(Map<String, Object> connection) {
        consumer = new KafkaConsumer<>(withConnection(connection, Map.of(
                ConsumerConfig.CLIENT_ID_CONFIG, "servmon-bench-watch",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10,  // deliver as soon as there is something: we time it
                // the state monitor writes in transactions (exactly_once_v2): read what it committed, as a client must
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_METRICS_PUSH_CONFIG, false)),
                new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(Topics.SERVER_STATE.name(), Topics.WAKE_RESULTS.name())) {
            IntStream.range(0, consumer.partitionsFor(topic).size())
                    .forEach(p -> partitions.add(new TopicPartition(topic, p)));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);  // resolve now: nothing published after this returns is missed
        thread = Thread.ofPlatform().name("bench-watch").daemon().start(this::run);
    }

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    Instant at = Instant.now();
                    long nanos = System.nanoTime();
                    if (record.value() == null) {
                        continue;
                    }
                    try {
                        if (record.topic().equals(Topics.SERVER_STATE.name())) {
                            ServerStateChanged event = EventCodec.decode(record.value(), ServerStateChanged.class);
                            latest.put(event.serverId(), event);
                            synchronized (states) {
                                states.add(new StateSeen(event, Instant.ofEpochMilli(record.timestamp()), at, nanos));
                            }
                        } else {
                            WakeResult result = EventCodec.decode(record.value(), WakeResult.class);
                            results.computeIfAbsent(result.commandId(), id -> new CopyOnWriteArrayList<>())
                                    .add(new ResultSeen(result, at, nanos));
                        }
                    } catch (InvalidEventException e) {
                        System.err.println("unreadable event on " + record.topic() + ": " + e.getMessage());
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close();
        }
    }

    Optional<ServerStateChanged> latest(ServerId key) {
        return Optional.ofNullable(latest.get(key));
    }

    long countIn(Collection<ServerId> keys, ServerState state) {
        return keys.stream().filter(key -> latest(key).map(e -> e.state() == state).orElse(false)).count();
    }

    /** Every state change received so far, in order of arrival. */
    List<StateSeen> states() {
        synchronized (states) {
            return List.copyOf(states);
        }
    }

    List<ResultSeen> results(CommandId command) {
        return List.copyOf(results.getOrDefault(command, List.of()));
    }

    Optional<ResultSeen> result(CommandId command, WakeStatus status) {
        return results(command).stream().filter(seen -> seen.result().status() == status).findFirst();
    }

    /** All results of every command, for counting retries and their timing. */
    List<ResultSeen> allResults() {
        return results.values().stream().flatMap(List::stream).toList();
    }

    /** Polls until the condition holds; false if it did not within the timeout. */
    static boolean await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(5_000);
    }

    private static Map<String, Object> withConnection(Map<String, Object> connection, Map<String, Object> ours) {
        Map<String, Object> all = new HashMap<>(connection);
        all.putAll(ours);
        return all;
    }
}
