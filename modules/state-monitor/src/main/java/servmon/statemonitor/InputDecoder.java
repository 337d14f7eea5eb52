package servmon.statemonitor;

import servmon.events.AgentReply;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import servmon.events.EventCodec;
import servmon.events.InvalidEventException;
import servmon.events.MetricReport;
import servmon.events.ServerKey;
import servmon.events.ServerRegistered;
import servmon.events.ServmonEvent;
import servmon.events.Topics;
import servmon.events.WakeCommand;

/**
 * Turns one input topic's raw records into {@link Input}s. A record that does not decode is logged and skipped:
 * it must never stop the stream thread (the ingestor is the one that dead-letters bad reports).
 */
final class InputDecoder implements Processor<String, byte[], String, Input> {

    private static final Logger log = LoggerFactory.getLogger(InputDecoder.class);

    @FunctionalInterface
    interface Decoding {
        /** @param value the raw value; null only for a tombstone */
        Input decode(ServerKey key, byte[] value) throws InvalidEventException;
    }

    static final Decoding REPORTS = (key, value) -> new Input.Report(decode(key, value, MetricReport.class));
    static final Decoding REGISTRATIONS = (key, value) -> value == null
            ? new Input.Removed(key)
            : new Input.Registered(decode(key, value, ServerRegistered.class));
    static final Decoding WAKE_COMMANDS = (key, value) -> new Input.Wake(decode(key, value, WakeCommand.class));
    static final Decoding AGENT_REPLIES = (key, value) -> new Input.Answer(decode(key, value, AgentReply.class));

    /** Null for rerouted records: each is decoded as what its topic of origin carries (see PartitionRouter). */
    private final Decoding decoding;
    private ProcessorContext<String, Input> context;

    /** The decoder of {@code servmon.monitor-rerouted.v1}, whose records come from all the input topics. */
    static InputDecoder rerouted() {
        return new InputDecoder(null);
    }

    InputDecoder(Decoding decoding) {
        this.decoding = decoding;
    }

    @Override
    public void init(ProcessorContext<String, Input> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, byte[]> record) {
        ServerKey key;
        try {
            key = ServerKey.of(record.key());
        } catch (IllegalArgumentException e) {
            skip(record, "invalid key: " + e.getMessage());
            return;
        }
        try {
            Decoding how = decoding != null ? decoding : byOrigin(record);
            if (how == null) {
                skip(record, "rerouted from an unknown topic");
                return;
            }
            context.forward(record.withValue(how.decode(key, record.value())));
        } catch (InvalidEventException e) {
            skip(record, e.getMessage());
        }
    }

    private static Decoding byOrigin(Record<String, byte[]> record) {
        var origin = record.headers().lastHeader(PartitionRouter.ORIGIN_HEADER);
        if (origin == null) {
            return null;
        }
        String topic = new String(origin.value(), java.nio.charset.StandardCharsets.UTF_8);
        if (topic.equals(Topics.SERVERS.name())) {
            return REGISTRATIONS;
        } else if (topic.equals(Topics.METRICS.name())) {
            return REPORTS;
        } else if (topic.equals(Topics.WAKE_COMMANDS.name())) {
            return WAKE_COMMANDS;
        } else if (topic.equals(Topics.AGENT_REPLIES.name())) {
            return AGENT_REPLIES;
        }
        return null;
    }

    private static <T extends ServmonEvent> T decode(ServerKey key, byte[] value, Class<T> type)
            throws InvalidEventException {
        T event = EventCodec.decode(value, type);
        // The store is keyed by the record key; a value about another server would corrupt both servers' state.
        if (!event.serverKey().equals(key)) {
            throw new InvalidEventException("serverKey " + event.serverKey() + " does not match the record key "
                    + key, null);
        }
        return event;
    }

    private void skip(Record<String, byte[]> record, String reason) {
        String where = context.recordMetadata()
                .map(InputDecoder::describe)
                .orElse("a record");
        log.warn("Skipped {} (key {}): {}", where, prefixOf(record.key()), reason);
    }

    private static String describe(RecordMetadata metadata) {
        return metadata.topic() + "-" + metadata.partition() + "@" + metadata.offset();
    }

    /** Like {@link ServerKey#shortPrefix()} for a key that may not even be a valid one. */
    private static String prefixOf(String rawKey) {
        if (rawKey == null) {
            return "null";
        }
        return rawKey.length() <= 4 ? "…" : rawKey.substring(0, 4) + "…";
    }
}
