package servmon.events;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.TraversableResolver;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

import java.lang.annotation.ElementType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The one validator of every servmon event: the Jakarta Bean Validation constraints on the event records (ranges,
 * sizes, names without control characters, {@link PlausibleInstant}), checked by Hibernate Validator after the JSON
 * is parsed. Thread-safe; one per process ({@link EventCodec} holds it), as its metadata is built once per type.
 */
public final class EventValidator {

    /** How far ahead of the consumer's clock an instant may be: agents' clocks are NTP-synchronised, not equal. */
    public static final Duration DEFAULT_MAX_CLOCK_SKEW = Duration.ofMinutes(10);

    private final Validator validator;
    private final Duration maxClockSkew;

    public EventValidator(Duration maxClockSkew, Clock clock) {
        if (maxClockSkew == null || maxClockSkew.isNegative()) {
            throw new IllegalArgumentException("the allowed clock skew must be zero or more (got " + maxClockSkew + ")");
        }
        this.maxClockSkew = maxClockSkew;
        // ParameterMessageInterpolator: messages without Jakarta EL, which the agent does not carry
        ValidatorFactory factory = Validation.byProvider(HibernateValidator.class)
                .configure()
                .messageInterpolator(new ParameterMessageInterpolator())
                .clockProvider(() -> clock)
                .traversableResolver(new EveryPropertyReachable())
                .temporalValidationTolerance(maxClockSkew)
                .failFast(false)
                .buildValidatorFactory();
        this.validator = factory.getValidator();
    }

    public EventValidator(Duration maxClockSkew) {
        this(maxClockSkew, Clock.systemUTC());
    }

    public Duration maxClockSkew() {
        return maxClockSkew;
    }

    /** @throws InvalidEventException naming every field that is out of bounds, in field order */
    public void check(ServmonEvent event) throws InvalidEventException {
        Set<ConstraintViolation<ServmonEvent>> violations = validator.validate(event);
        if (violations.isEmpty()) {
            return;
        }
        boolean clock = violations.stream().anyMatch(violation ->
                violation.getConstraintDescriptor().getAnnotation() instanceof PlausibleInstant);
        String problems = violations.stream()
                .sorted(Comparator.comparing(violation -> violation.getPropertyPath().toString()))
                .map(EventValidator::describe)
                .collect(Collectors.joining("; "));
        throw new InvalidEventException(clock ? DeadLetterReason.CLOCK : DeadLetterReason.INVALID,
                "invalid " + event.getClass().getSimpleName() + ": " + problems, null);
    }

    /**
     * Events are plain records, never JPA entities. Without this, Hibernate Validator asks JPA (on the classpath of the
     * ingestor, the dashboard and the standalone JVM) whether each property is loaded: measured, that was 40 % of
     * validating a report, on the hot path of every consumer.
     */
    private static final class EveryPropertyReachable implements TraversableResolver {

        @Override
        public boolean isReachable(Object bean, Path.Node property, Class<?> rootType, Path pathToProperty,
                                   ElementType elementType) {
            return true;
        }

        @Override
        public boolean isCascadable(Object bean, Path.Node property, Class<?> rootType, Path pathToProperty,
                                    ElementType elementType) {
            return true;
        }
    }

    /** "cpuPct must be less than or equal to 100 (got 140.0)": numbers and instants quoted, text never (it may be huge). */
    private static String describe(ConstraintViolation<?> violation) {
        Object value = violation.getInvalidValue();
        String got = value instanceof Number || value instanceof Instant ? " (got " + value + ")" : "";
        return violation.getPropertyPath() + " " + violation.getMessage() + got;
    }
}
