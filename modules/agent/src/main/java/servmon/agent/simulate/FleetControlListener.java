package servmon.agent.simulate;

import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import servmon.agent.ControlMessage;
import servmon.events.AgentControl;
import servmon.events.InvalidEventException;
import servmon.events.Topics;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;

/**
 * One consumer for the whole fleet: where a real agent reads the one partition its key hashes to, the simulator reads
 * every partition of the control topic from its end and keeps the messages for its own keys. Each is checked as a
 * real agent checks it ({@link ControlMessage}): an order not signed with its server's key is ignored and counted.
 * Cheap at 10,000 servers: orders are rare, and each server's secret keeps its keyed MAC.
 */
final class FleetControlListener implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FleetControlListener.class);
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(5);

    private final Consumer<String, byte[]> consumer;
    private final Map<String, VirtualServer> byKey;
    private final BiConsumer<VirtualServer, AgentControl> handler;
    private final CountDownLatch listening = new CountDownLatch(1);
    private final LongAdder forged = new LongAdder();
    private final Thread thread;
    private volatile boolean closed;

    FleetControlListener(Consumer<String, byte[]> consumer, Map<String, VirtualServer> byKey,
                         BiConsumer<VirtualServer, AgentControl> handler) {
        this.consumer = consumer;
        this.byKey = byKey;
        this.handler = handler;
        this.thread = Thread.ofPlatform().daemon().name("servmon-simulate-control").unstarted(this::run);
    }

    FleetControlListener start() {
        thread.start();
        return this;
    }

    /** @return true once the listener is in place: reports sent after that cannot miss their answer */
    boolean awaitListening(Duration timeout) throws InterruptedException {
        return listening.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Orders ignored because they were not signed with their server's key: forged, or from another installation. */
    long forgedOrders() {
        return forged.sum();
    }

    private void run() {
        try {
            listen();
            listening.countDown();
            while (!closed) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    VirtualServer server = record.key() == null ? null : byKey.get(record.key());
                    if (server != null) {
                        handle(server, record);
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (KafkaException e) {
            if (!closed) {
                log.error("Control listener stopped: {}; the fleet no longer obeys orders", e.toString(), e);
            }
        } finally {
            consumer.close(CloseOptions.timeout(Duration.ofMillis(200)));
        }
    }

    /** Assigns every partition at its end; waits for the topic while the servmon services have not created it. */
    private void listen() {
        boolean logged = false;
        while (!closed) {
            List<PartitionInfo> partitions = consumer.partitionsFor(Topics.AGENT_CONTROL.name(), METADATA_TIMEOUT);
            if (!partitions.isEmpty()) {
                List<TopicPartition> all = partitions.stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                consumer.assign(all);
                consumer.seekToEnd(all);
                all.forEach(partition -> consumer.position(partition, METADATA_TIMEOUT));  // resolve the ends now
                log.debug("Listening on {} partitions of {}", all.size(), Topics.AGENT_CONTROL.name());
                return;
            }
            if (!logged) {
                logged = true;
                log.warn("Waiting for the topic {} to be created by the servmon services", Topics.AGENT_CONTROL.name());
            }
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void handle(VirtualServer server, ConsumerRecord<String, byte[]> record) {
        ControlMessage message;
        try {
            message = ControlMessage.read(record, server.secret);
        } catch (InvalidEventException e) {
            if (ControlMessage.isForged(e)) {
                forged.increment();
                if (forged.sum() > 1) {
                    return;  // a flood of forged orders must not flood the log: the stats line counts them
                }
            }
            log.warn("Ignored a control message for {} at {}-{}@{}: {}", server.id(), record.topic(),
                    record.partition(), record.offset(), e.getMessage());
            return;
        }
        try {
            handler.accept(server, message.control());
        } catch (RuntimeException e) {
            log.warn("Control message for {} not handled: {}", server.id(), e.toString(), e);
        }
    }

    @Override
    public void close() {
        closed = true;
        consumer.wakeup();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
