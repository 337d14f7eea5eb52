package servmon.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

import java.time.Duration;
import java.util.stream.Collectors;

/**
 * JSON for every event: UTF-8, ISO-8601 instants, nulls omitted, unknown fields ignored (so a newer producer
 * may add fields), and an unknown {@code "v"} refused. Decoding is the trust boundary of every consumer: a value
 * larger than {@link EventLimits#MAX_EVENT_BYTES}, of the wrong JSON types (no string for a number, no float for an
 * integer) or out of the records' constraints ({@link EventValidator}) is refused with the reason.
 */
public final class EventCodec {

    // Bounds on the parser, so that a hostile value costs little before it is refused (the size is checked first).
    private static final StreamReadConstraints READ_LIMITS = StreamReadConstraints.builder()
            .maxDocumentLength(EventLimits.MAX_EVENT_BYTES)
            .maxNestingDepth(8)
            .maxStringLength(EventLimits.MAX_EVENT_BYTES)
            .maxNumberLength(32)
            .maxNameLength(128)
            .build();

    // One mapper for the process: thread-safe, and building one per record would cost more than the parse.
    private static final JsonMapper MAPPER = JsonMapper.builder(
                    JsonFactory.builder().streamReadConstraints(READ_LIMITS).build())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            // exact JSON types: "12" is not 12, 1.5 is not an int, 0 is not false, 3 is not an enum constant
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .withCoercionConfig(LogicalType.Textual, config -> config
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .changeDefaultPropertyInclusion(inclusion -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
            .build();

    private static volatile EventValidator validator = new EventValidator(EventValidator.DEFAULT_MAX_CLOCK_SKEW);

    private EventCodec() {
    }

    /**
     * Sets how far ahead of this clock an event's instants may be, for every decode in this process. Each service
     * sets it from its configuration at start; in one JVM they share it, so every consumer refuses the same records.
     */
    public static void useMaxClockSkew(Duration maxClockSkew) {
        if (!maxClockSkew.equals(validator.maxClockSkew())) {
            validator = new EventValidator(maxClockSkew);
        }
    }

    public static byte[] encode(ServmonEvent event) {
        return MAPPER.writeValueAsBytes(event);
    }

    public static String encodeToString(ServmonEvent event) {
        return MAPPER.writeValueAsString(event);
    }

    public static <T extends ServmonEvent> T decode(byte[] json, Class<T> type) throws InvalidEventException {
        if (json == null || json.length == 0) {
            throw new InvalidEventException(DeadLetterReason.EMPTY,
                    "empty value: expected a " + type.getSimpleName() + " as JSON", null);
        }
        if (json.length > EventLimits.MAX_EVENT_BYTES) {
            throw new InvalidEventException(DeadLetterReason.TOO_LARGE, "too large: " + json.length
                    + " bytes, where a " + type.getSimpleName() + " is at most " + EventLimits.MAX_EVENT_BYTES, null);
        }
        T event;
        try {
            event = MAPPER.readValue(json, type);
        } catch (JacksonException e) {
            String reason = reasonOf(e);
            throw new InvalidEventException(reason.contains("unsupported event version")
                    ? DeadLetterReason.UNSUPPORTED_VERSION : DeadLetterReason.MALFORMED,
                    "malformed " + type.getSimpleName() + ": " + reason, e);
        }
        validator.check(event);
        return event;
    }

    /**
     * Checks an event about to be sent against the constraints its consumers decode with, so a producer finds out
     * before the broker or a consumer does.
     */
    public static void validate(ServmonEvent event) throws InvalidEventException {
        validator.check(event);
    }

    /**
     * The innermost message, after the field it is about: the compact constructors' checks surface as the cause of an
     * instantiation error.
     */
    private static String reasonOf(JacksonException e) {
        String field = e.getPath().stream()
                .map(reference -> reference.getPropertyName() != null
                        ? reference.getPropertyName() : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root instanceof JacksonException jackson ? jackson.getOriginalMessage() : root.getMessage();
        String line = message == null ? root.getClass().getSimpleName() : message.lines().findFirst().orElse(message);
        // Jackson quotes the offending text, which can be as long as the record
        String bounded = line.length() <= 300 ? line : line.substring(0, 300) + "…";
        return field.isEmpty() ? bounded : field + ": " + bounded;
    }
}
