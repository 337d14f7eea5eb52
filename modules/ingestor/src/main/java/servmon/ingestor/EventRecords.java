package servmon.ingestor;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import servmon.events.EventCodec;
import servmon.events.InvalidEventException;
import servmon.events.ServmonEvent;

import java.util.ArrayList;
import java.util.List;

/** Decoding for the listeners that have no dead-letter topic: tombstones and invalid records are skipped. */
public final class EventRecords {

    private EventRecords() {
    }

    /** The valid events of a batch, in order; a record whose key is not its event's server key is skipped too. */
    public static <T extends ServmonEvent> List<T> decodeAll(List<ConsumerRecord<String, byte[]>> records,
                                                             Class<T> type, Logger log) {
        List<T> events = new ArrayList<>(records.size());
        for (ConsumerRecord<String, byte[]> record : records) {
            if (record.value() == null) {
                continue;  // a tombstone: nothing to store
            }
            try {
                T event = EventCodec.decode(record.value(), type);
                if (!event.serverKey().value().equals(record.key())) {
                    log.warn("Skipped {}-{}@{}: record key does not match serverKey {}", record.topic(),
                            record.partition(), record.offset(), event.serverKey());
                    continue;
                }
                events.add(event);
            } catch (InvalidEventException e) {
                log.warn("Skipped {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
            }
        }
        return events;
    }
}
