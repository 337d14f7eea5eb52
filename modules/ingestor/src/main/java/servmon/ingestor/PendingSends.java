package servmon.ingestor;

import org.springframework.kafka.support.SendResult;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Kafka sends of one batch, awaited together: the batch only counts as done (and its offsets are only
 * committed) once every dead letter and reply is acknowledged. A failure fails the batch, which is then retried.
 */
public final class PendingSends {

    private final List<CompletableFuture<? extends SendResult<?, ?>>> sends = new ArrayList<>();

    public void add(CompletableFuture<? extends SendResult<?, ?>> send) {
        sends.add(send);
    }

    public int size() {
        return sends.size();
    }

    public void awaitAll(Duration timeout) {
        if (sends.isEmpty()) {
            return;
        }
        try {
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka to acknowledge", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka did not accept a dead letter or reply: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not acknowledge " + sends.size() + " sends within " + timeout, e);
        }
    }
}
