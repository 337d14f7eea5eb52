package servmon.ingestor.metrics;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import servmon.events.DeadLetterHeaders;
import servmon.events.Topics;
import servmon.ingestor.IngestMeters;
import servmon.ingestor.PendingSends;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Puts refused metric records on the dead-letter topic exactly as received (key, value, timestamp, headers),
 * with the reason and origin in {@link DeadLetterHeaders} as UTF-8 text an operator can read with any tool.
 */
@Component
class DeadLetterPublisher {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterPublisher.class);

    private final KafkaTemplate<byte[], byte[]> kafka;
    private final IngestMeters meters;

    DeadLetterPublisher(KafkaTemplate<byte[], byte[]> kafka, IngestMeters meters) {
        this.kafka = kafka;
        this.meters = meters;
    }

    void publish(List<Refusal> refusals, PendingSends sends) {
        if (refusals.isEmpty()) {
            return;
        }
        for (Refusal refusal : refusals) {
            ConsumerRecord<String, byte[]> record = refusal.record();
            RecordHeaders headers = new RecordHeaders(record.headers().toArray());
            headers.add(DeadLetterHeaders.REASON, utf8(refusal.reason()));
            headers.add(DeadLetterHeaders.ORIGINAL_TOPIC, utf8(record.topic()));
            headers.add(DeadLetterHeaders.ORIGINAL_PARTITION, utf8(Integer.toString(record.partition())));
            headers.add(DeadLetterHeaders.ORIGINAL_OFFSET, utf8(Long.toString(record.offset())));
            byte[] key = record.key() == null ? null : utf8(record.key());
            sends.add(kafka.send(new ProducerRecord<>(Topics.METRICS_DLT.name(), null,
                    record.timestamp() >= 0 ? record.timestamp() : null, key, record.value(), headers)));
            meters.deadLetter(refusal.reason());
        }
        Refusal first = refusals.getFirst();
        log.warn("Dead-lettered {} metric records; first {}-{}@{}: {}", refusals.size(), first.record().topic(),
                first.record().partition(), first.record().offset(), first.reason());
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
