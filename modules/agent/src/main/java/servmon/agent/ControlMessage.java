package servmon.agent;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import servmon.events.AgentControl;
import servmon.events.DeadLetterReason;
import servmon.events.EventCodec;
import servmon.events.InvalidEventException;
import servmon.events.RecordSignature;
import servmon.events.SigningSecret;

/**
 * A control message as an agent may act on it: a valid {@link AgentControl} and, for every order, signed with the
 * server's secret ({@link RecordSignature}), so that nobody else who can write to the control topic can put a server
 * to sleep or tell its agent that it was removed. The real agent and the simulated fleet read their messages through
 * this one check.
 *
 * @param signed whether the message carries a valid signature of the server's secret; only an
 *               {@link AgentControl.Type#ENROLL_REPLY} may lack one: a refusal cannot be signed (no service knows a key
 *               it refuses), so {@link Enrollment} weighs an unsigned answer itself
 */
public record ControlMessage(AgentControl control, boolean signed) {

    /**
     * @param secret the secret of the server the record is addressed to (its key)
     * @throws InvalidEventException when the record is not to be acted on: not a valid {@link AgentControl} (the
     *                               validator's reason), or an order not signed with {@code secret}, forged or from
     *                               another servmon installation ({@link DeadLetterReason#UNSIGNED},
     *                               {@link DeadLetterReason#BAD_SIGNATURE})
     */
    public static ControlMessage read(ConsumerRecord<String, byte[]> record, SigningSecret secret)
            throws InvalidEventException {
        InvalidEventException unsigned = null;
        try {
            // on the bytes as received, before anything is parsed
            RecordSignature.verify(secret, record.topic(), record.key(), record.value(), record.headers());
        } catch (InvalidEventException e) {
            unsigned = e;
        }
        AgentControl control = EventCodec.decode(record.value(), AgentControl.class);
        if (unsigned != null && control.type() != AgentControl.Type.ENROLL_REPLY) {
            String how = unsigned.reason() == DeadLetterReason.UNSIGNED
                    ? "without a signature" : "with a wrong signature";
            throw new InvalidEventException(unsigned.reason(), "a " + control.type() + " order " + how
                    + ", not signed with this server's key: forged, or from another servmon installation", null);
        }
        return new ControlMessage(control, unsigned == null);
    }

    /** Whether {@code e}, thrown by {@link #read}, is about who sent the record rather than what it holds. */
    public static boolean isForged(InvalidEventException e) {
        return e.reason() == DeadLetterReason.UNSIGNED || e.reason() == DeadLetterReason.BAD_SIGNATURE;
    }
}
