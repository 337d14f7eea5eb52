package servmon.ingestor.enrollment;

import org.junit.jupiter.api.Test;
import servmon.events.ServerId;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class RefusalRateLimiterTest {

    private final MovableClock clock = new MovableClock();
    private final RefusalRateLimiter limiter = new RefusalRateLimiter(Duration.ofMinutes(1), clock);

    @Test
    void a_key_is_refused_at_most_once_per_interval() {
        ServerId key = ServerId.random();

        assertThat(limiter.tryAcquire(key)).isTrue();
        clock.advance(Duration.ofSeconds(59));
        assertThat(limiter.tryAcquire(key)).isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(limiter.tryAcquire(key)).isTrue();
        assertThat(limiter.tryAcquire(key)).isFalse();
    }

    @Test
    void one_noisy_key_does_not_hold_back_another() {
        ServerId noisy = ServerId.random();
        ServerId other = ServerId.random();

        assertThat(limiter.tryAcquire(noisy)).isTrue();
        assertThat(limiter.tryAcquire(noisy)).isFalse();
        assertThat(limiter.tryAcquire(other)).isTrue();
    }

    private static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
