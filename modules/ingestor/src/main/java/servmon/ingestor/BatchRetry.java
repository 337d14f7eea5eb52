package servmon.ingestor;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.util.backoff.ExponentialBackOff;

import java.util.List;
import java.util.Map;

/**
 * A failed batch (database down, Kafka not acknowledging) is retried whole, with exponential back-off and
 * without end: an outage delays telemetry, it never drops it. Offsets are only committed once a try succeeds.
 * Data errors never get here: the listeners dead-letter invalid records and the ones the database refuses
 * ({@link DataErrors}), so what fails a batch is an outage that retrying outlasts.
 */
final class BatchRetry implements RetryListener {

    private static final Logger log = LoggerFactory.getLogger(BatchRetry.class);

    private BatchRetry() {
    }

    static DefaultErrorHandler errorHandler(IngestorProperties.Retry retry, List<RetryListener> observers) {
        DefaultErrorHandler handler = new DefaultErrorHandler(backOff(retry));
        // Every exception is worth retrying: spring-kafka's default "not retryable" list would give up on
        // a batch (and commit past it) after a conversion error, which here can only be a bug to fix.
        handler.setClassifications(Map.of(), true);
        RetryListener[] listeners = new RetryListener[observers.size() + 1];
        listeners[0] = new BatchRetry();
        for (int i = 0; i < observers.size(); i++) {
            listeners[i + 1] = observers.get(i);
        }
        handler.setRetryListeners(listeners);
        return handler;
    }

    static ExponentialBackOff backOff(IngestorProperties.Retry retry) {
        ExponentialBackOff backOff = new ExponentialBackOff(retry.initialInterval().toMillis(), retry.multiplier());
        backOff.setMaxInterval(retry.maxInterval().toMillis());
        backOff.setMaxElapsedTime(Long.MAX_VALUE);
        backOff.setMaxAttempts(Long.MAX_VALUE);
        return backOff;
    }

    @Override
    public void failedDelivery(ConsumerRecords<?, ?> records, Exception ex, int deliveryAttempt) {
        log.warn("Batch of {} records from {} failed (attempt {}), will retry: {}", records.count(),
                records.partitions(), deliveryAttempt, rootMessage(ex));
    }

    @Override
    public void failedDelivery(ConsumerRecord<?, ?> record, Exception ex, int deliveryAttempt) {
        log.warn("Record {}-{}@{} failed (attempt {}), will retry: {}", record.topic(), record.partition(),
                record.offset(), deliveryAttempt, rootMessage(ex));
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
