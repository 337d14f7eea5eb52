package servmon.wol;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import servmon.events.DeadLetterReason;
import servmon.events.DeadLetters;
import servmon.events.InvalidEventException;
import servmon.events.Topics;

/**
 * Spring Kafka's dead-letter recoverer, writing what every servmon consumer writes: to the topic's own dead-letter
 * topic, with the reason in {@link servmon.events.DeadLetterHeaders} (instead of Spring's exception headers and
 * stack trace), the value cut as {@link DeadLetters} cuts it, and counted as
 * {@code servmon_dead_letters_total{topic,reason}}.
 */
final class DeadLetterRecoverer extends DeadLetterPublishingRecoverer {

    static final String REFUSED_BY = "servmon-wol-service";

    DeadLetterRecoverer(KafkaOperations<?, ?> template, MeterRegistry registry) {
        super(template, (record, exception) -> new TopicPartition(Topics.deadLetterOf(record.topic()).name(), -1));
        excludeHeader(HeaderNames.HeadersToAdd.values());
        setHeadersFunction((record, exception) -> {
            InvalidEventException invalid = invalidEventIn(exception);
            DeadLetterReason reason = invalid != null ? invalid.reason() : DeadLetterReason.PROCESSING_FAILED;
            String text = invalid != null ? invalid.getMessage() : "kept failing: " + rootMessage(exception);
            Counter.builder("servmon.dead.letters")
                    .description("Records refused and put on their topic's dead-letter topic")
                    .tag("topic", record.topic())
                    .tag("reason", reason.tag())
                    .register(registry)
                    .increment();
            return DeadLetters.reasonHeaders(record.topic(), record.partition(), record.offset(), REFUSED_BY, reason,
                    text);
        });
    }

    @Override
    protected ProducerRecord<Object, Object> createProducerRecord(ConsumerRecord<?, ?> record,
                                                                  TopicPartition topicPartition, Headers headers,
                                                                  byte[] key, byte[] value) {
        byte[] received = value != null ? value : record.value() instanceof byte[] bytes ? bytes : null;
        return super.createProducerRecord(record, topicPartition, headers, key,
                DeadLetters.bounded(received, headers));
    }

    static InvalidEventException invalidEventIn(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof InvalidEventException invalid) {
                return invalid;
            }
        }
        return null;
    }

    private static String rootMessage(Throwable exception) {
        Throwable root = exception;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
