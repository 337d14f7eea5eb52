package servmon.dashboard.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Remembers for a few minutes which passwords were verified against which stored hash, so that a script calling the
 * API with HTTP Basic pays for bcrypt once, not on every request (bcrypt is slow on purpose; run on every request
 * it held the API to 11.7 registrations a second).
 * <p>
 * Chosen over API tokens because scripts keep working unchanged (curl -u) and there is no token store to build,
 * show, rotate and revoke. Safety: only successes are remembered (a wrong password always runs bcrypt), the key is a
 * SHA-256 of the password with a random salt made per process (no plaintext in memory, nothing precomputable), and
 * the key includes the stored hash, so a changed password invalidates its entries at once. The user is still
 * loaded on every request, so a removed user is refused at once too.
 */
final class VerifiedPasswords implements PasswordEncoder {

    static final Duration TTL = Duration.ofMinutes(5);
    private static final int MAX_ENTRIES = 10_000;

    private final PasswordEncoder delegate;
    private final Cache<String, Boolean> verified;
    private final byte[] salt = new byte[32];
    private final AtomicLong slowChecks = new AtomicLong();

    VerifiedPasswords(PasswordEncoder delegate, Duration ttl) {
        this.delegate = delegate;
        this.verified = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(MAX_ENTRIES).build();
        new SecureRandom().nextBytes(salt);
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        if (rawPassword == null || encodedPassword == null) {
            return delegate.matches(rawPassword, encodedPassword);
        }
        // a null from the loader is not stored: failures are checked again, concurrent equal checks run once
        Boolean match = verified.get(key(rawPassword, encodedPassword), key -> {
            slowChecks.incrementAndGet();
            return delegate.matches(rawPassword, encodedPassword) ? Boolean.TRUE : null;
        });
        return match != null;
    }

    @Override
    public String encode(CharSequence rawPassword) {
        return delegate.encode(rawPassword);
    }

    @Override
    public boolean upgradeEncoding(String encodedPassword) {
        return delegate.upgradeEncoding(encodedPassword);
    }

    /** How many checks went to the slow encoder (a cache miss); for tests and metrics. */
    long slowChecks() {
        return slowChecks.get();
    }

    private String key(CharSequence rawPassword, String encodedPassword) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(salt);
            sha256.update(rawPassword.toString().getBytes(StandardCharsets.UTF_8));
            return encodedPassword + ' ' + HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
