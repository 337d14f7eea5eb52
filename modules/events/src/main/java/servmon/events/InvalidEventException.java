package servmon.events;

/** A record's value is not a valid servmon event; the message says why, fit for a dead-letter header. */
public class InvalidEventException extends Exception {

    private final DeadLetterReason reason;

    public InvalidEventException(DeadLetterReason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** The refusal's category, for counting. */
    public DeadLetterReason reason() {
        return reason;
    }
}
