package servmon.wol.wake;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import servmon.events.Topics;
import servmon.events.WakeResult;
import servmon.wol.WolProperties;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Publishes a wake result and returns only once Kafka has it, so the command's offset is committed after it. */
@Component
class WakeResultPublisher {

    private final KafkaTemplate<String, WakeResult> template;
    private final Duration timeout;

    WakeResultPublisher(KafkaTemplate<String, WakeResult> template, WolProperties properties) {
        this.template = template;
        this.timeout = properties.resultSendTimeout();
    }

    /** @throws IllegalStateException when Kafka did not acknowledge in time; the listener then retries the command */
    void publish(WakeResult result) {
        try {
            template.send(Topics.WAKE_RESULTS.name(), result.serverKey().value(), result)
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing a wake result", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("wake result " + result.commandId() + " not acknowledged: " + e, e);
        }
    }
}
