package servmon.dashboard.servers;

/** A field of a server the user entered is not acceptable; the message is meant for that user. */
public class ServerValidationException extends RuntimeException {

    private final String field;

    ServerValidationException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** {@code name}, {@code mac} or {@code group}. */
    public String field() {
        return field;
    }

    /** Of a form's name, MAC and group inputs, the one this refusal is about (to show the message on it). */
    public <T> T fieldAmong(T name, T mac, T group) {
        return switch (field) {
            case "mac" -> mac;
            case "group" -> group;
            default -> name;
        };
    }
}
