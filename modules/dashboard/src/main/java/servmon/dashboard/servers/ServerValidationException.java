package servmon.dashboard.servers;

import servmon.dashboard.base.ui.Reason;
import servmon.dashboard.base.ui.RefusedException;

/** A field of a server the user entered is not acceptable; the reason is meant for that user. */
public class ServerValidationException extends RefusedException {

    private final String field;

    ServerValidationException(String field, Reason reason) {
        super(reason, null);
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
