package servmon.dashboard.servers;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import servmon.dashboard.DashboardProperties;
import servmon.events.ServerId;
import servmon.events.ServmonEvent;
import servmon.events.TopicSpec;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Sends the dashboard's events and waits for Kafka's acknowledgement, so callers can roll back on failure. */
@Component
public class ServerEventPublisher {

    private final KafkaTemplate<String, ServmonEvent> kafka;
    private final Duration timeout;

    ServerEventPublisher(KafkaTemplate<String, ServmonEvent> kafka, DashboardProperties properties) {
        this.kafka = kafka;
        this.timeout = properties.publishTimeout();
    }

    /** Publishes {@code event} (null for a tombstone) under the server's key and waits until it is stored. */
    public void publish(TopicSpec topic, ServerId key, ServmonEvent event) {
        try {
            kafka.send(topic.name(), key.value(), event).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventPublishException("interrupted while publishing to " + topic.name(), e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            throw new EventPublishException("Kafka did not accept the event on " + topic.name() + ": "
                    + cause.getMessage(), cause);
        }
    }
}
