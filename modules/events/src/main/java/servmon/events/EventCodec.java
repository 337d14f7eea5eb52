package servmon.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON for every event: UTF-8, ISO-8601 instants, nulls omitted, unknown fields ignored (so a newer producer
 * may add fields), and an unknown {@code "v"} refused.
 */
public final class EventCodec {

    // One mapper for the process: thread-safe, and building one per record would cost more than the parse.
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .changeDefaultPropertyInclusion(inclusion -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
            .build();

    private EventCodec() {
    }

    public static byte[] encode(ServmonEvent event) {
        return MAPPER.writeValueAsBytes(event);
    }

    public static String encodeToString(ServmonEvent event) {
        return MAPPER.writeValueAsString(event);
    }

    public static <T extends ServmonEvent> T decode(byte[] json, Class<T> type) throws InvalidEventException {
        if (json == null || json.length == 0) {
            throw new InvalidEventException("empty value: expected a " + type.getSimpleName() + " as JSON", null);
        }
        try {
            return MAPPER.readValue(json, type);
        } catch (JacksonException e) {
            throw new InvalidEventException("malformed " + type.getSimpleName() + ": " + reasonOf(e), e);
        }
    }

    /** The innermost message: the compact constructors' checks surface as the cause of an instantiation error. */
    private static String reasonOf(JacksonException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root instanceof JacksonException jackson ? jackson.getOriginalMessage() : root.getMessage();
        return message == null ? root.getClass().getSimpleName() : message.lines().findFirst().orElse(message);
    }
}
