package servmon.dashboard.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Slows password guessing down, per user name and per client address: after a few free failures every attempt
 * must wait, and the wait doubles with each further failure up to a ceiling. While a wait runs, even the right
 * password is refused unchecked; that is the point, and it costs the guesser, not the server (no bcrypt).
 * <p>
 * A success forgets the user's failures but not the address's: one valid account must not reset the counter
 * of someone spraying guesses at other users from the same address. Both maps are bounded (Caffeine), so a
 * flood of made-up user names cannot fill the heap.
 */
final class LoginThrottle {

    private static final int MAX_ENTRIES = 100_000;

    private final LoginThrottleProperties properties;
    private final Ticker ticker;
    private final Cache<String, Failures> byUser;
    private final Cache<String, Failures> byAddress;

    LoginThrottle(LoginThrottleProperties properties, Ticker ticker) {
        this.properties = properties;
        this.ticker = ticker;
        this.byUser = newCache();
        this.byAddress = newCache();
    }

    /** @return how long this attempt must wait, empty when it may go ahead */
    Optional<Duration> waitFor(String user, String address) {
        long now = ticker.read();
        long until = Math.max(lockedUntil(byUser, userKey(user)), lockedUntil(byAddress, address));
        return until > now ? Optional.of(Duration.ofNanos(until - now)) : Optional.empty();
    }

    /** @return the wait this failure imposes on the next attempt (zero while failures are still free) */
    Duration failed(String user, String address) {
        long now = ticker.read();
        Failures forUser = byUser.asMap().compute(userKey(user), (key, failures) ->
                Failures.next(failures, now, properties.freeFailuresPerUser(), this::backoff));
        Failures forAddress = address == null ? Failures.NONE : byAddress.asMap().compute(address, (key, failures) ->
                Failures.next(failures, now, properties.freeFailuresPerAddress(), this::backoff));
        long until = Math.max(forUser.lockedUntil(), forAddress.lockedUntil());
        return until > now ? Duration.ofNanos(until - now) : Duration.ZERO;
    }

    void succeeded(String user) {
        byUser.invalidate(userKey(user));
    }

    /** The wait after the n-th failure beyond the free ones (n = 0 is the first wait). */
    private Duration backoff(int beyondFree) {
        Duration longest = properties.longestBackoff();
        if (beyondFree >= 31) {
            return longest;
        }
        Duration wait = properties.firstBackoff().multipliedBy(1L << beyondFree);
        return wait.compareTo(longest) > 0 ? longest : wait;
    }

    private long lockedUntil(Cache<String, Failures> cache, String key) {
        if (key == null) {
            return Long.MIN_VALUE;
        }
        Failures failures = cache.getIfPresent(key);
        return failures == null ? Long.MIN_VALUE : failures.lockedUntil();
    }

    private Cache<String, Failures> newCache() {
        return Caffeine.newBuilder().ticker(ticker).expireAfterWrite(properties.forgetAfter())
                .maximumSize(MAX_ENTRIES).build();
    }

    /** User names are matched as the database matches them: without regard to case. */
    private static String userKey(String user) {
        return user == null ? "" : user.toLowerCase(Locale.ROOT);
    }

    /** @param lockedUntil ticker time before which attempts wait; Long.MIN_VALUE when none must */
    private record Failures(int count, long lockedUntil) {

        static final Failures NONE = new Failures(0, Long.MIN_VALUE);

        static Failures next(Failures previous, long now, int free,
                             java.util.function.IntFunction<Duration> backoff) {
            int count = (previous == null ? 0 : previous.count) + 1;
            if (count < free) {
                return new Failures(count, Long.MIN_VALUE);
            }
            return new Failures(count, now + backoff.apply(count - free).toNanos());
        }
    }
}
