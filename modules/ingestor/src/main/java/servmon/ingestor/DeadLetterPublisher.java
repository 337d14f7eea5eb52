package servmon.ingestor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import servmon.events.DeadLetters;

import java.util.List;

/**
 * Puts refused records on their topic's dead-letter topic as {@link DeadLetters} builds them (key, timestamp,
 * headers, the reason and origin; the value as received, cut when too big to dead-letter whole), and counts them.
 */
@Component
public class DeadLetterPublisher {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterPublisher.class);
    static final String REFUSED_BY = "servmon-ingestor";

    private final KafkaTemplate<byte[], byte[]> kafka;
    private final IngestMeters meters;

    DeadLetterPublisher(KafkaTemplate<byte[], byte[]> kafka, IngestMeters meters) {
        this.kafka = kafka;
        this.meters = meters;
    }

    /** Sends them all; {@code sends} holds the acknowledgements the caller awaits before it commits the batch. */
    public void publish(List<Refusal> refusals, PendingSends sends) {
        if (refusals.isEmpty()) {
            return;
        }
        for (Refusal refusal : refusals) {
            sends.add(kafka.send(DeadLetters.of(refusal.record(), REFUSED_BY, refusal.reason(), refusal.text())));
            meters.deadLetter(refusal.record().topic(), refusal.reason());
        }
        Refusal first = refusals.getFirst();
        log.warn("Dead-lettered {} records; first {}-{}@{}: {}", refusals.size(), first.record().topic(),
                first.record().partition(), first.record().offset(), first.text());
    }
}
