package servmon.agent.spool;

import org.apache.kafka.common.header.Header;

import java.util.List;
import java.util.Objects;

/**
 * One report as it goes to Kafka: its key, its serialized value and headers, byte for byte, so that whatever was
 * done to it before it was spooled (encoding, a signature) holds when it is sent from disk.
 *
 * @param seq the report's sequence number, for log lines only
 */
public record SpoolRecord(long seq, String key, byte[] value, List<Header> headers) {

    public SpoolRecord {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        headers = headers == null ? List.of() : List.copyOf(headers);
    }

    public SpoolRecord(long seq, String key, byte[] value) {
        this(seq, key, value, List.of());
    }
}
