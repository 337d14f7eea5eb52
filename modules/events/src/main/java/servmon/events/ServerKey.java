package servmon.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.regex.Pattern;

/**
 * The secret a server's agent reports with; also the Kafka key of every event about that server.
 * Log only {@link #shortPrefix()}, never the whole key.
 */
public record ServerKey(@JsonValue String value) {

    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_-]{8,64}");
    private static final int GENERATED_LENGTH = 24;

    public ServerKey {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    "a server key is 8 to 64 letters, digits, '-' or '_' (got " + describe(value) + ")");
        }
    }

    @JsonCreator
    public static ServerKey of(String value) {
        return new ServerKey(value);
    }

    /** A fresh random key: 24 characters from an unambiguous alphabet, about 140 bits. */
    public static ServerKey random() {
        return new ServerKey(RandomTokens.next(GENERATED_LENGTH));
    }

    /** What logs may show of a key. */
    public String shortPrefix() {
        return value.substring(0, 4) + "…";
    }

    @Override
    public String toString() {
        return shortPrefix();
    }

    private static String describe(String value) {
        return value == null ? "nothing" : value.length() + " characters";
    }
}
