package servmon.wol.wake;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.stereotype.Component;
import servmon.events.CommandId;
import servmon.events.EventCodec;
import servmon.events.InvalidEventException;
import servmon.events.Topics;
import servmon.events.WakeResult;
import servmon.events.WakeStatus;
import servmon.wol.KafkaClientSettings;
import servmon.wol.WolProperties;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Picks up the wakes a previous run of this service left unsettled. Pending wakes live in memory; their steps live in
 * the wake-results topic. At start, the steps of the last give-up window are read back, and every wake whose last
 * step was a send (SENT, RETRIED, RELAYED) is tracked again, so a restart of the wol-service delays a confirmation
 * or a retry but never loses one.
 */
@Component
class UnsettledWakes implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(UnsettledWakes.class);
    private static final Set<WakeStatus> IN_FLIGHT = EnumSet.of(WakeStatus.SENT, WakeStatus.RETRIED,
            WakeStatus.RELAYED);
    private static final Set<WakeStatus> SENDS = EnumSet.of(WakeStatus.SENT, WakeStatus.RETRIED);

    private final String bootstrapServers;
    private final Map<String, Object> connection;
    private final WolProperties.Confirm confirm;
    private final Duration readTimeout;
    private final WakeTargets targets;
    private final PendingWakes pending;
    private final Clock clock;
    private volatile boolean running;

    UnsettledWakes(KafkaClientSettings kafka, WolProperties properties, WakeTargets targets, PendingWakes pending,
                   Clock clock) {
        this.bootstrapServers = kafka.bootstrapServers();
        Map<String, Object> connection = new HashMap<>(kafka.consumer());
        connection.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        connection.put(ConsumerConfig.CLIENT_ID_CONFIG, "servmon-wol-unsettled-wakes");
        connection.remove(ConsumerConfig.GROUP_ID_CONFIG);  // assigned, not subscribed: no group to join
        this.connection = Map.copyOf(connection);
        this.confirm = properties.confirm();
        this.readTimeout = properties.viewCatchUpTimeout();
        this.targets = targets;
        this.pending = pending;
        this.clock = clock;
    }

    @Override
    public void start() {
        Instant since = clock.instant().minus(confirm.giveUpAfter());
        int restored = 0;
        for (List<WakeResult> steps : stepsSince(since).values()) {
            WakeResult first = steps.getFirst();
            WakeResult last = steps.getLast();
            if (first.status() != WakeStatus.SENT || !IN_FLIGHT.contains(last.status())) {
                continue;
            }
            if (targets.find(first.serverId()) instanceof WakeTarget.Reachable target) {
                int sends = (int) steps.stream().filter(step -> SENDS.contains(step.status())).count();
                pending.restore(first.serverId(), first.commandId(), target, first.at(), sends);
                restored++;
            }
        }
        if (restored > 0) {
            log.info("{} wakes sent by a previous run are tracked again", restored);
        }
        running = true;
    }

    /** The steps of each wake since {@code since}, in the order they were published, by wake. */
    private Map<CommandId, List<WakeResult>> stepsSince(Instant since) {
        Map<CommandId, List<WakeResult>> steps = new LinkedHashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(connection, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.WAKE_RESULTS.name(), readTimeout).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> times = new HashMap<>();
            partitions.forEach(partition -> times.put(partition, since.toEpochMilli()));
            Map<TopicPartition, OffsetAndTimestamp> from = consumer.offsetsForTimes(times, readTimeout);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, readTimeout);
            List<TopicPartition> toRead = new ArrayList<>();
            for (TopicPartition partition : partitions) {
                OffsetAndTimestamp start = from.get(partition);
                if (start != null && start.offset() < end.get(partition)) {
                    consumer.seek(partition, start.offset());
                    toRead.add(partition);
                }
            }
            consumer.assign(toRead);
            Instant deadline = Instant.now().plus(readTimeout);
            while (toRead.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("could not read " + Topics.WAKE_RESULTS.name() + " back within "
                            + readTimeout + "; is Kafka at " + bootstrapServers + " reachable?");
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    try {
                        WakeResult step = EventCodec.decode(record.value(), WakeResult.class);
                        steps.computeIfAbsent(step.commandId(), id -> new ArrayList<>()).add(step);
                    } catch (InvalidEventException e) {
                        log.debug("Skipped an unreadable wake result at offset {}: {}", record.offset(),
                                e.getMessage());
                    }
                }
            }
        }
        return steps;
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** After the wake targets (whose state it needs), before the listener containers. */
    @Override
    public int getPhase() {
        return AbstractMessageListenerContainer.DEFAULT_PHASE - 50;
    }
}
