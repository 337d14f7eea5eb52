package servmon.agent;

import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import servmon.events.AgentControl;
import servmon.events.InvalidEventException;
import servmon.events.RecordSignature;
import servmon.events.ServerId;
import servmon.events.SigningSecret;
import servmon.events.TopicSpec;
import servmon.events.Topics;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Follows this agent's partition of the control topic from its end (no consumer group: one agent, one server id) and
 * hands its messages on. Once it is in place it lets the reports go, so the first report's answer cannot be missed.
 */
final class ControlListener implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(ControlListener.class);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(5);
    /** Long polls: control messages are rare, and the broker answers a fetch as soon as one arrives. */
    static final Duration POLL = Duration.ofSeconds(5);

    private final Consumer<String, byte[]> consumer;
    private final ServerId key;
    private final SigningSecret secret;
    private final ReportPublisher publisher;
    private final Enrollment enrollment;
    private final AgentOrders orders;
    private final Removal removal;
    private final BrokerHealth health;
    private final CountDownLatch stopping;
    private boolean missingTopicLogged;

    /** @param secret what the services sign this agent's control messages with ({@link RecordSignature}) */
    ControlListener(Consumer<String, byte[]> consumer, ServerId key, SigningSecret secret, ReportPublisher publisher,
                    Enrollment enrollment, AgentOrders orders, Removal removal, BrokerHealth health,
                    CountDownLatch stopping) {
        this.consumer = consumer;
        this.key = key;
        this.secret = secret;
        this.publisher = publisher;
        this.enrollment = enrollment;
        this.orders = orders;
        this.removal = removal;
        this.health = health;
        this.stopping = stopping;
    }

    /** Thread-safe: makes a blocked poll or metadata request return at once. */
    void wakeup() {
        consumer.wakeup();
    }

    @Override
    public void run() {
        try {
            boolean listening = false;
            while (!stopped()) {
                try {
                    if (!listening) {
                        listening = listen();
                        if (!listening) {
                            pause(Duration.ofSeconds(1));
                        }
                        continue;
                    }
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                        handle(record);
                    }
                    enrollment.checkLate(System.nanoTime());
                } catch (WakeupException e) {
                    // stopping
                } catch (TimeoutException e) {
                    health.unreachable("no answer to a metadata request");
                } catch (KafkaException e) {
                    log.warn("Control topic: {}", e.toString());
                    pause(Duration.ofSeconds(1));
                }
            }
        } finally {
            consumer.close(CloseOptions.timeout(Duration.ofMillis(200)));
        }
    }

    /** Assigns the server's partition at its end and releases the reports; false while the topics do not exist yet. */
    private boolean listen() {
        List<PartitionInfo> control = consumer.partitionsFor(Topics.AGENT_CONTROL.name(), METADATA_TIMEOUT);
        if (control.isEmpty() || !exists(Topics.METRICS)) {
            if (!missingTopicLogged) {
                missingTopicLogged = true;
                log.warn("Waiting for the topics {} and {} to be created by the servmon services",
                        Topics.METRICS.name(), Topics.AGENT_CONTROL.name());
            }
            health.reachable("");
            return false;
        }
        TopicPartition partition =
                new TopicPartition(Topics.AGENT_CONTROL.name(), ControlPartition.of(key, control.size()));
        consumer.assign(Set.of(partition));
        consumer.seekToEnd(Set.of(partition));
        consumer.position(partition, METADATA_TIMEOUT);  // resolves the end now, before the first report goes out
        health.reachable("");
        publisher.release();
        enrollment.startWaiting(System.nanoTime());
        log.debug("Listening on {}", partition);
        return true;
    }

    private boolean exists(TopicSpec topic) {
        return !consumer.partitionsFor(topic.name(), METADATA_TIMEOUT).isEmpty();
    }

    private void handle(ConsumerRecord<String, byte[]> record) {
        if (!key.value().equals(record.key())) {
            return;  // other agents' ids hash to this partition too
        }
        ControlMessage message;
        try {
            message = ControlMessage.read(record, secret);
        } catch (InvalidEventException e) {
            log.warn("Ignored the control message at offset {}: {}", record.offset(), e.getMessage());
            return;
        }
        AgentControl control = message.control();
        switch (control.type()) {
            // a refusal cannot be signed (no service knows a key it refuses): Enrollment decides what it may do
            case ENROLL_REPLY -> enrollment.onReply(control, message.signed());
            case SLEEP -> orders.sleep(control);
            case RELAY_WAKE -> orders.relayWake(control);
            case REMOVED -> removal.onOrder(control);
        }
    }

    private boolean stopped() {
        return stopping.getCount() == 0;
    }

    /** Waits without holding up a stop. */
    private void pause(Duration duration) {
        try {
            stopping.await(duration.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping.countDown();
        }
    }
}
