package servmon.ingestor;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import servmon.events.DeadLetterReason;

/** A record the ingestor will not store, with the reason an operator reads on the dead-letter topic. */
public record Refusal(ConsumerRecord<String, byte[]> record, DeadLetterReason reason, String text) {
}
