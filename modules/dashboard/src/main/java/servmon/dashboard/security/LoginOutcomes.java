package servmon.dashboard.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

import java.time.Duration;

/**
 * Every login's outcome, from Spring Security's authentication events (form, API and actuator alike): a failure is
 * logged with the user name and address (never the password) and counted by {@link LoginThrottle}; a success
 * clears the user's count.
 */
final class LoginOutcomes {

    private static final Logger log = LoggerFactory.getLogger(LoginOutcomes.class);
    private static final int LONGEST_LOGGED_NAME = 64;

    private final LoginThrottle throttle;

    LoginOutcomes(LoginThrottle throttle) {
        this.throttle = throttle;
    }

    @EventListener
    void failed(AbstractAuthenticationFailureEvent event) {
        Authentication attempt = event.getAuthentication();
        String address = address(attempt);
        Duration wait = throttle.failed(attempt.getName(), address);
        String user = printable(attempt.getName());
        if (wait.isZero()) {
            log.warn("Failed login for user '{}' from {}: {}", user, address,
                    event.getException().getClass().getSimpleName());
        } else {
            log.warn("Failed login for user '{}' from {}: {}; further attempts wait {} s", user, address,
                    event.getException().getClass().getSimpleName(), Math.max(1, wait.toSeconds()));
        }
    }

    @EventListener
    void succeeded(AuthenticationSuccessEvent event) {
        throttle.succeeded(event.getAuthentication().getName());
    }

    private static String address(Authentication attempt) {
        return attempt.getDetails() instanceof WebAuthenticationDetails details ? details.getRemoteAddress() : null;
    }

    /** A user name is typed by whoever attacks: no line breaks or escape codes into the log, and not too long. */
    static String printable(String name) {
        if (name == null) {
            return "";
        }
        StringBuilder printable = new StringBuilder(Math.min(name.length(), LONGEST_LOGGED_NAME + 1));
        name.codePoints().limit(LONGEST_LOGGED_NAME).forEach(c ->
                printable.appendCodePoint(Character.isISOControl(c) || Character.getType(c) == Character.FORMAT ? '?' : c));
        if (name.codePointCount(0, name.length()) > LONGEST_LOGGED_NAME) {
            printable.append('…');
        }
        return printable.toString();
    }
}
