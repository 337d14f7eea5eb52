package servmon.events;

import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.metadata.ConstraintDescriptor;
import org.hibernate.validator.constraintvalidation.HibernateConstraintValidator;
import org.hibernate.validator.constraintvalidation.HibernateConstraintValidatorInitializationContext;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Checks {@link PlausibleInstant} against the validator's clock and temporal tolerance (the allowed clock skew). */
public final class PlausibleInstantValidator implements HibernateConstraintValidator<PlausibleInstant, Instant> {

    static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

    private Clock clock;
    private Duration skew;

    @Override
    public void initialize(ConstraintDescriptor<PlausibleInstant> descriptor,
                           HibernateConstraintValidatorInitializationContext context) {
        this.clock = context.getClockProvider().getClock();
        this.skew = context.getTemporalValidationTolerance();
    }

    @Override
    public boolean isValid(Instant value, ConstraintValidatorContext context) {
        if (value == null) {
            return true;
        }
        String problem = null;
        if (value.isBefore(EARLIEST)) {
            problem = "is before 2000: check the sending machine's clock (NTP)";
        } else if (value.isAfter(clock.instant().plus(skew))) {
            problem = "is more than " + skew + " ahead of this clock: check the sending machine's clock (NTP)";
        }
        if (problem == null) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate(problem).addConstraintViolation();
        return false;
    }
}
