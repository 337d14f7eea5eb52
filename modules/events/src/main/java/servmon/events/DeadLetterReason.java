package servmon.events;

import java.util.Locale;

/**
 * Why a record went to a dead-letter topic, as a bounded set: the tag of {@code servmon_dead_letters_total{reason}}.
 * The full text goes in the {@link DeadLetterHeaders#REASON} header.
 */
public enum DeadLetterReason {
    /** The record has no key; every servmon record is keyed by its server id. */
    NO_KEY,
    /** The record key is not a server id. */
    BAD_KEY,
    /** The value is about another server than the record key says. */
    KEY_MISMATCH,
    /** No value at all where an event was expected. */
    EMPTY,
    /** Larger than any servmon event may be ({@link EventLimits#MAX_EVENT_BYTES}). */
    TOO_LARGE,
    /** Not JSON, or JSON of the wrong shape (a string where a number belongs, a missing required field). */
    MALFORMED,
    /** An event version this consumer does not understand. */
    UNSUPPORTED_VERSION,
    /** A field out of its range or size, or a name with control characters. */
    INVALID,
    /** An instant too far ahead of the consumer's clock (or before 2000): the sender's clock is wrong. */
    CLOCK,
    /** A well-formed report (or an agent's answer) from an id no registered server has. */
    UNKNOWN_SERVER,
    /** A report or answer without the {@link RecordSignature} its agent signs every record with. */
    UNSIGNED,
    /** A record whose signature is not its server's: forged by another agent or a client without the key. */
    BAD_SIGNATURE,
    /** The database refused what the record holds (a data error, not an outage). */
    DATABASE_REFUSED,
    /** Handling it kept failing after every retry (not a refusal of its content). */
    PROCESSING_FAILED;

    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
