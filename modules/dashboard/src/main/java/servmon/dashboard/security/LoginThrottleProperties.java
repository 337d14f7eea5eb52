package servmon.dashboard.security;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * How password guessing is slowed down ({@code servmon.dashboard.login-throttle.*} in dashboard.yml).
 *
 * @param freeFailuresPerUser    failed logins for one user name before each further attempt must wait
 * @param freeFailuresPerAddress failed logins from one address (any user names) before each further attempt must
 *                               wait; higher than per user, as an office behind one NAT address shares it
 * @param firstBackoff           the first wait; it doubles with each further failure
 * @param longestBackoff         the wait never grows beyond this
 * @param forgetAfter            failures are forgotten this long after the last one (and a user's at once after a
 *                               successful login); at least the longest backoff
 */
@ConfigurationProperties(prefix = "servmon.dashboard.login-throttle")
@Validated
record LoginThrottleProperties(
        @Min(1) int freeFailuresPerUser,
        @Min(1) int freeFailuresPerAddress,
        @NotNull Duration firstBackoff,
        @NotNull Duration longestBackoff,
        @NotNull Duration forgetAfter) {

    LoginThrottleProperties {
        if (firstBackoff != null && longestBackoff != null && forgetAfter != null
                && (!firstBackoff.isPositive() || longestBackoff.compareTo(firstBackoff) < 0
                    || forgetAfter.compareTo(longestBackoff) < 0)) {
            throw new IllegalArgumentException("servmon.dashboard.login-throttle needs 0 < first-backoff <= "
                    + "longest-backoff <= forget-after (got " + firstBackoff + ", " + longestBackoff + ", "
                    + forgetAfter + ")");
        }
    }
}
