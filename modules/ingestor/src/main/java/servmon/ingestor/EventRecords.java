package servmon.ingestor;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import servmon.events.DeadLetterReason;
import servmon.events.EventCodec;
import servmon.events.InvalidEventException;
import servmon.events.ServmonEvent;

import java.util.ArrayList;
import java.util.List;

/** Decodes a batch of records of one event topic, sorting out the ones to dead-letter. */
public final class EventRecords {

    /**
     * @param events    the valid events, in batch order
     * @param sources   the record each event came from, at the same index
     * @param refusals  the records to dead-letter, with the reason
     */
    public record Decoded<T>(List<T> events, List<ConsumerRecord<String, byte[]>> sources, List<Refusal> refusals) {
    }

    private EventRecords() {
    }

    /** Tombstones are skipped (nothing to store); a record whose key is not its event's server id is refused. */
    public static <T extends ServmonEvent> Decoded<T> decodeAll(List<ConsumerRecord<String, byte[]>> records,
                                                                Class<T> type) {
        List<T> events = new ArrayList<>(records.size());
        List<ConsumerRecord<String, byte[]>> sources = new ArrayList<>(records.size());
        List<Refusal> refusals = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            if (record.value() == null) {
                continue;
            }
            if (record.key() == null) {
                refusals.add(new Refusal(record, DeadLetterReason.NO_KEY,
                        "record has no key: publish each " + type.getSimpleName() + " keyed by its server id"));
                continue;
            }
            try {
                T event = EventCodec.decode(record.value(), type);
                if (!event.serverId().value().equals(record.key())) {
                    refusals.add(new Refusal(record, DeadLetterReason.KEY_MISMATCH,
                            "record key does not match serverId " + event.serverId().value()));
                    continue;
                }
                events.add(event);
                sources.add(record);
            } catch (InvalidEventException e) {
                refusals.add(new Refusal(record, e.reason(), e.getMessage()));
            }
        }
        return new Decoded<>(events, sources, refusals);
    }
}
