package servmon.dashboard.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class VerifiedPasswordsTest {

    private final CountingEncoder bcrypt = new CountingEncoder(new BCryptPasswordEncoder(4));
    private final VerifiedPasswords passwords = new VerifiedPasswords(bcrypt, Duration.ofMinutes(5));

    @Test
    void a_verified_password_is_checked_by_bcrypt_once_not_on_every_call() {
        String hash = bcrypt.encode("s3cret");

        for (int i = 0; i < 50; i++) {
            assertThat(passwords.matches("s3cret", hash)).isTrue();
        }

        assertThat(bcrypt.checks.get()).isEqualTo(1);
        assertThat(passwords.slowChecks()).isEqualTo(1);
    }

    @Test
    void a_wrong_password_is_refused_every_time_and_never_remembered() {
        String hash = bcrypt.encode("s3cret");
        assertThat(passwords.matches("s3cret", hash)).isTrue();

        for (int i = 0; i < 3; i++) {
            assertThat(passwords.matches("guess-" + (i % 2), hash)).isFalse();
        }

        assertThat(bcrypt.checks.get()).as("each wrong guess costs bcrypt").isEqualTo(4);
    }

    @Test
    void a_changed_password_is_checked_again_and_the_old_one_no_longer_passes() {
        String oldHash = bcrypt.encode("old-password");
        assertThat(passwords.matches("old-password", oldHash)).isTrue();

        String newHash = bcrypt.encode("new-password");

        assertThat(passwords.matches("old-password", newHash)).isFalse();
        assertThat(passwords.matches("new-password", newHash)).isTrue();
        assertThat(bcrypt.checks.get()).isEqualTo(3);
    }

    @Test
    void remembered_passwords_expire() throws Exception {
        VerifiedPasswords briefly = new VerifiedPasswords(bcrypt, Duration.ofMillis(1));
        String hash = bcrypt.encode("s3cret");
        assertThat(briefly.matches("s3cret", hash)).isTrue();

        Thread.sleep(20);  // waits for expiry itself, not for a result
        assertThat(briefly.matches("s3cret", hash)).isTrue();

        assertThat(bcrypt.checks.get()).isEqualTo(2);
    }

    /** The real bcrypt, counting its checks. */
    private static final class CountingEncoder implements PasswordEncoder {

        final AtomicInteger checks = new AtomicInteger();
        private final PasswordEncoder delegate;

        CountingEncoder(PasswordEncoder delegate) {
            this.delegate = delegate;
        }

        @Override
        public String encode(CharSequence rawPassword) {
            return delegate.encode(rawPassword);
        }

        @Override
        public boolean matches(CharSequence rawPassword, String encodedPassword) {
            checks.incrementAndGet();
            return delegate.matches(rawPassword, encodedPassword);
        }
    }
}
