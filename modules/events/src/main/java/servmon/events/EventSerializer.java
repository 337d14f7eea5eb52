package servmon.events;

import org.apache.kafka.common.serialization.Serializer;

/** Kafka value serializer for any servmon event; a null event stays null (a tombstone). */
public class EventSerializer<T extends ServmonEvent> implements Serializer<T> {

    @Override
    public byte[] serialize(String topic, T event) {
        return event == null ? null : EventCodec.encode(event);
    }
}
