package servmon.wol.wake;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import servmon.events.Topics;
import servmon.events.WakeResult;
import servmon.events.WakeStatus;
import servmon.wol.WolProperties;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes a wake result and returns only once Kafka has it, so the command's offset is committed after it; counts
 * what it published as {@code servmon_wake_results_total{status}}.
 */
@Component
public class WakeResultPublisher {

    private final KafkaTemplate<String, WakeResult> template;
    private final Duration timeout;
    private final Map<WakeStatus, Counter> published = new EnumMap<>(WakeStatus.class);

    WakeResultPublisher(KafkaTemplate<String, WakeResult> template, WolProperties properties, MeterRegistry registry) {
        this.template = template;
        this.timeout = properties.resultSendTimeout();
        for (WakeStatus status : WakeStatus.values()) {
            published.put(status, Counter.builder("servmon.wake.results")
                    .description("Wake results published, by status")
                    .tag("status", status.name().toLowerCase(Locale.ROOT))
                    .register(registry));
        }
    }

    /** @throws IllegalStateException when Kafka did not acknowledge in time; the listener then retries the command */
    public void publish(WakeResult result) {
        try {
            publishAsync(result).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing a wake result", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("wake result " + result.commandId() + " not acknowledged: " + e, e);
        }
    }

    /**
     * Sends without waiting, for callers that publish many results at once (the checks of pending wakes): they wait
     * for all acknowledgements together instead of one round trip per result.
     */
    CompletableFuture<Void> publishAsync(WakeResult result) {
        return template.send(Topics.WAKE_RESULTS.name(), result.serverId().value(), result)
                // counted once Kafka has it: a result whose send failed is sent again, not counted twice
                .thenAccept(sent -> published.get(result.status()).increment());
    }

    Duration timeout() {
        return timeout;
    }
}
