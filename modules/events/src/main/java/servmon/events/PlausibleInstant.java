package servmon.events;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

/**
 * An instant a servmon event may carry: not before 2000 (nothing servmon measures is older; an earlier one is a
 * machine whose clock was never set) and not further ahead of the consumer's clock than the allowed skew
 * ({@link EventValidator}'s temporal tolerance). Past instants are fine: a consumer catching up reads old events.
 * Null is valid; {@code required} fields are checked by the records themselves.
 */
@Documented
@Constraint(validatedBy = PlausibleInstantValidator.class)
@Target({FIELD, PARAMETER})
@Retention(RUNTIME)
public @interface PlausibleInstant {

    String message() default "is not a plausible time";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
