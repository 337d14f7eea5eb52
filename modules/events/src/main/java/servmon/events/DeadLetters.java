package servmon.events;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Builds the dead-letter record of a refused record, the same for every consumer: to its topic's dead-letter topic
 * ({@link Topics#deadLetterOf}), with its key, timestamp and headers, the reason and origin in
 * {@link DeadLetterHeaders}, and its value cut to {@link #MAX_VALUE_BYTES} so that the dead letter itself can never be
 * too large for the broker (which would stop the partition again).
 */
public final class DeadLetters {

    /** Enough to see what a sender got wrong; far below the broker's default 1 MiB limit, headers included. */
    public static final int MAX_VALUE_BYTES = 64 * 1024;
    /** A reason is one line for a human; longer ones (e.g. quoting a huge field) are cut. */
    static final int MAX_REASON_CHARS = 1000;
    /** Headers the sender put on the record are kept unless they would make the dead letter large. */
    static final int MAX_KEPT_HEADER_BYTES = 16 * 1024;
    static final int MAX_KEY_BYTES = 1024;

    private DeadLetters() {
    }

    /** @param refusedBy the service refusing it, for {@link DeadLetterHeaders#REFUSED_BY} */
    public static ProducerRecord<byte[], byte[]> of(ConsumerRecord<?, byte[]> record, String refusedBy,
                                                    DeadLetterReason reason, String text) {
        Object key = record.key();
        byte[] keyBytes = key == null ? null
                : key instanceof byte[] bytes ? bytes : key.toString().getBytes(StandardCharsets.UTF_8);
        return of(record.topic(), record.partition(), record.offset(), record.timestamp(), keyBytes, record.value(),
                record.headers(), refusedBy, reason, text);
    }

    /** For consumers that see a record's parts, not a {@link ConsumerRecord} (Kafka Streams). */
    public static ProducerRecord<byte[], byte[]> of(String topic, int partition, long offset, long timestamp,
                                                    byte[] key, byte[] value, Headers received,
                                                    String refusedBy, DeadLetterReason reason, String text) {
        RecordHeaders headers = new RecordHeaders();
        int headerBytes = 0;
        for (Header header : received) {
            headerBytes += header.key().length() + (header.value() == null ? 0 : header.value().length);
            if (headerBytes > MAX_KEPT_HEADER_BYTES) {
                break;
            }
            headers.add(header);
        }
        for (Header header : reasonHeaders(topic, partition, offset, refusedBy, reason, text)) {
            headers.add(header);
        }
        byte[] kept = bounded(value, headers);
        byte[] keptKey = key != null && key.length > MAX_KEY_BYTES ? Arrays.copyOf(key, MAX_KEY_BYTES) : key;
        return new ProducerRecord<>(Topics.deadLetterOf(topic).name(), null, timestamp >= 0 ? timestamp : null,
                keptKey, kept, headers);
    }

    /** The {@link DeadLetterHeaders} that say why and where from, for consumers whose framework builds the record. */
    public static Headers reasonHeaders(String topic, int partition, long offset, String refusedBy,
                                        DeadLetterReason reason, String text) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(DeadLetterHeaders.REASON, utf8(bounded(text)));
        headers.add(DeadLetterHeaders.REASON_TAG, utf8(reason.tag()));
        headers.add(DeadLetterHeaders.REFUSED_BY, utf8(refusedBy));
        headers.add(DeadLetterHeaders.ORIGINAL_TOPIC, utf8(topic));
        headers.add(DeadLetterHeaders.ORIGINAL_PARTITION, utf8(Integer.toString(partition)));
        headers.add(DeadLetterHeaders.ORIGINAL_OFFSET, utf8(Long.toString(offset)));
        return headers;
    }

    /**
     * The value as a dead letter carries it: whole, or its first {@link #MAX_VALUE_BYTES} with
     * {@link DeadLetterHeaders#TRUNCATED_FROM_BYTES} added to {@code headers}.
     */
    public static byte[] bounded(byte[] value, Headers headers) {
        if (value == null || value.length <= MAX_VALUE_BYTES) {
            return value;
        }
        headers.add(DeadLetterHeaders.TRUNCATED_FROM_BYTES, utf8(Integer.toString(value.length)));
        return Arrays.copyOf(value, MAX_VALUE_BYTES);
    }

    private static String bounded(String text) {
        String reason = text == null ? "" : text;
        return reason.length() <= MAX_REASON_CHARS ? reason : reason.substring(0, MAX_REASON_CHARS) + "…";
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
