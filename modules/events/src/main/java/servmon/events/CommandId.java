package servmon.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.UUID;

/** Identifies one wake command from request to result, chosen by whoever sends the command. */
public record CommandId(@JsonValue String value) {

    public CommandId {
        if (value == null || value.isBlank() || value.length() > 64) {
            throw new IllegalArgumentException("commandId must be 1 to 64 characters");
        }
        if (value.codePoints().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("commandId must not contain control characters");
        }
    }

    @JsonCreator
    public static CommandId of(String value) {
        return new CommandId(value);
    }

    public static CommandId random() {
        return new CommandId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
