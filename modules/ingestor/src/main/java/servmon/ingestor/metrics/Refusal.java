package servmon.ingestor.metrics;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/** A metrics record the ingestor will not store, with the reason an operator reads on the dead-letter topic. */
record Refusal(ConsumerRecord<String, byte[]> record, String reason) {
}
