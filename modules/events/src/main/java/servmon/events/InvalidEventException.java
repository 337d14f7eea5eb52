package servmon.events;

/** A record's value is not a valid servmon event; the message says why, fit for a dead-letter header. */
public class InvalidEventException extends Exception {

    public InvalidEventException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
