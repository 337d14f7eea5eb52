package servmon.dashboard.servers;

/** A field of a server the user entered is not acceptable; the message is meant for that user. */
public class ServerValidationException extends RuntimeException {

    private final String field;

    ServerValidationException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** {@code name} or {@code mac}. */
    public String field() {
        return field;
    }
}
