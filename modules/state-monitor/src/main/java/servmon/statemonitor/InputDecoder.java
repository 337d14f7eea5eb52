package servmon.statemonitor;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import servmon.events.AgentReply;
import servmon.events.DeadLetterReason;
import servmon.events.DeadLetters;
import servmon.events.EventCodec;
import servmon.events.InvalidEventException;
import servmon.events.MetricReport;
import servmon.events.RecordSignature;
import servmon.events.ServerId;
import servmon.events.ServerRegistered;
import servmon.events.ServmonEvent;
import servmon.events.SigningSecret;
import servmon.events.Topics;
import servmon.events.WakeCommand;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the input topics' raw records into {@link Input}s for the state machine: one decoder per task for all of
 * them (registrations, reports, wake commands, answers, rerouted records), so that the signing secrets it learns
 * from registrations are in its memory when reports and answers are checked. A record that does not decode (the
 * shared {@link EventCodec} refuses it, as the ingestor's does) goes to its topic's dead-letter topic with the reason,
 * counted, in the same transaction as the input offsets: it never stops the stream thread, and is never lost.
 * Forwards two kinds of records, hence {@code Object}: an {@link Input} to the state machine, raw bytes to the
 * dead-letter sink.
 */
final class InputDecoder implements Processor<String, byte[], Object, Object> {

    private static final Logger log = LoggerFactory.getLogger(InputDecoder.class);
    private static final String REFUSED_BY = "servmon-state-monitor";

    @FunctionalInterface
    private interface Decoding {
        /** @param value the raw value; null only for a tombstone */
        Input decode(ServerId key, byte[] value) throws InvalidEventException;
    }

    private static final Decoding REPORTS = (key, value) -> new Input.Report(decode(key, value, MetricReport.class));
    private static final Decoding REGISTRATIONS = (key, value) -> value == null
            ? new Input.Removed(key)
            : new Input.Registered(decode(key, value, ServerRegistered.class));
    private static final Decoding WAKE_COMMANDS = (key, value) -> new Input.Wake(decode(key, value, WakeCommand.class));
    private static final Decoding AGENT_REPLIES = (key, value) -> new Input.Answer(decode(key, value, AgentReply.class));

    private final String stateMachine;
    private final String deadLetterSink;
    private final DeadLetterCounts counts;
    private ProcessorContext<Object, Object> context;
    /** Per registered server id, its signing secret as text (empty: registered without one): what survives restarts. */
    private KeyValueStore<String, byte[]> secrets;
    /**
     * The store's content, parsed: every report and answer is checked against it, so a check costs a map lookup
     * instead of a store read and a base64 decode (loaded at init, written through on every registration and removal,
     * as {@link ServerStateProcessor} keeps its servers). Empty: registered without a secret.
     */
    private final Map<String, Optional<SigningSecret>> secretsById = new HashMap<>();

    /**
     * @param stateMachine   the child node that gets the decoded inputs
     * @param deadLetterSink the child sink that gets refused records (its topic is chosen per record)
     */
    InputDecoder(String stateMachine, String deadLetterSink, DeadLetterCounts counts) {
        this.stateMachine = stateMachine;
        this.deadLetterSink = deadLetterSink;
        this.counts = counts;
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
        this.secrets = context.getStateStore(StateMonitorTopology.SECRETS);
        // init runs again when a task is revived after an error: start over from the (restored) store
        secretsById.clear();
        try (KeyValueIterator<String, byte[]> all = secrets.all()) {
            all.forEachRemaining(entry -> secretsById.put(entry.key, parse(entry.value)));
        }
    }

    @Override
    public void process(Record<String, byte[]> record) {
        String origin = originOf(record);
        if (origin == null) {
            log.warn("Skipped {} (key {}): from an unknown topic", where(), prefixOf(record.key()));
            return;
        }
        if (record.key() == null) {
            refuse(record, origin, DeadLetterReason.NO_KEY, "record has no key: publish it keyed by its server id");
            return;
        }
        ServerId key;
        try {
            key = ServerId.of(record.key());
        } catch (IllegalArgumentException e) {
            refuse(record, origin, DeadLetterReason.BAD_KEY, "record key is not a server id: " + e.getMessage());
            return;
        }
        try {
            Input input = decodingOf(origin).decode(key, record.value());
            switch (input) {
                case Input.Registered registered -> learnSecret(key, registered.event().signingSecret());
                case Input.Removed removed -> forgetSecret(key);
                case Input.Report report -> checkSignature(key, origin, record);
                case Input.Answer answer -> checkSignature(key, origin, record);
                default -> { }
            }
            context.forward(record.withValue((Object) input), stateMachine);
        } catch (InvalidEventException e) {
            refuse(record, origin, e.reason(), e.getMessage());
        }
    }

    private void learnSecret(ServerId key, SigningSecret secret) {
        secrets.put(key.value(), secret == null ? new byte[0] : secret.toText().getBytes(StandardCharsets.US_ASCII));
        secretsById.put(key.value(), Optional.ofNullable(secret));
    }

    private void forgetSecret(ServerId key) {
        secrets.delete(key.value());
        secretsById.remove(key.value());
    }

    private static Optional<SigningSecret> parse(byte[] stored) {
        return stored.length == 0 ? Optional.empty()
                : Optional.of(SigningSecret.fromText(new String(stored, StandardCharsets.US_ASCII)));
    }

    /**
     * A report turns a server ON and an accepted sleep answer makes it ASLEEP (silent on purpose, never OFF), so both
     * must come from the server's agent: signed with the secret its registration carries, as the ingestor checks
     * reports and the wol-service answers too. A record of a server not registered here passes: the state machine
     * ignores it (and the ingestor refuses a report of it as unknown).
     */
    private void checkSignature(ServerId key, String origin, Record<String, byte[]> record)
            throws InvalidEventException {
        Optional<SigningSecret> secret = secretsById.get(key.value());
        if (secret == null) {
            return;
        }
        if (secret.isEmpty()) {
            throw new InvalidEventException(DeadLetterReason.BAD_SIGNATURE, "server " + key
                    + " was registered without a signing secret: register it again in the dashboard", null);
        }
        RecordSignature.verify(secret.get(), origin, record.key(), record.value(), record.headers());
    }

    /** For a rerouted record, partition and offset are its place on the rerouted topic; the topic is its origin. */
    private void refuse(Record<String, byte[]> record, String origin, DeadLetterReason reason, String text) {
        RecordMetadata metadata = context.recordMetadata().orElse(null);
        byte[] key = record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8);
        ProducerRecord<byte[], byte[]> dead = DeadLetters.of(origin, metadata == null ? -1 : metadata.partition(),
                metadata == null ? -1 : metadata.offset(), record.timestamp(), key, record.value(),
                record.headers(), REFUSED_BY, reason, text);
        context.forward(new Record<Object, Object>(dead.key(), dead.value(), record.timestamp(), dead.headers()),
                deadLetterSink);
        counts.deadLettered(origin, reason);
        log.warn("Dead-lettered {} (key {}): {}", where(), prefixOf(record.key()), text);
    }

    /**
     * The topic the record was first published on: its own, or for a rerouted one, the one it came from; each record
     * is decoded as what that topic carries. Null for a topic this decoder does not know.
     */
    private String originOf(Record<String, byte[]> record) {
        String topic = context.recordMetadata().map(RecordMetadata::topic).orElse(null);
        String from = topic;
        if (Topics.MONITOR_REROUTED.name().equals(topic)) {
            var origin = record.headers().lastHeader(PartitionRouter.ORIGIN_HEADER);
            from = origin == null ? null : new String(origin.value(), StandardCharsets.UTF_8);
        }
        return decodingOf(from) == null ? null : from;
    }

    private static Decoding decodingOf(String topic) {
        if (Topics.SERVERS.name().equals(topic)) {
            return REGISTRATIONS;
        } else if (Topics.METRICS.name().equals(topic)) {
            return REPORTS;
        } else if (Topics.WAKE_COMMANDS.name().equals(topic)) {
            return WAKE_COMMANDS;
        } else if (Topics.AGENT_REPLIES.name().equals(topic)) {
            return AGENT_REPLIES;
        }
        return null;
    }

    private static <T extends ServmonEvent> T decode(ServerId key, byte[] value, Class<T> type)
            throws InvalidEventException {
        T event = EventCodec.decode(value, type);
        // The store is keyed by the record key; a value about another server would corrupt both servers' state.
        if (!event.serverId().equals(key)) {
            throw new InvalidEventException(DeadLetterReason.KEY_MISMATCH, "serverId " + event.serverId()
                    + " does not match the record key " + key, null);
        }
        return event;
    }

    private String where() {
        return context.recordMetadata().map(InputDecoder::describe).orElse("a record");
    }

    private static String describe(RecordMetadata metadata) {
        return metadata.topic() + "-" + metadata.partition() + "@" + metadata.offset();
    }

    /** The first characters of a key that may not even be a valid id (a client may have put a secret there). */
    private static String prefixOf(String rawKey) {
        if (rawKey == null) {
            return "null";
        }
        return rawKey.length() <= 4 ? "…" : rawKey.substring(0, 4) + "…";
    }
}
