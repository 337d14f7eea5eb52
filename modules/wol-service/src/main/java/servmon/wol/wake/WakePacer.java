package servmon.wol.wake;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import org.springframework.stereotype.Component;
import servmon.wol.WolProperties;

import java.time.Duration;

/**
 * Spreads wakes out to {@code servmon.wol.wakes-per-second}: a hundred servers powering up in the same second draw
 * their peak current together. The command listener waits its turn here, so commands beyond the rate stay in Kafka.
 */
@Component
class WakePacer {

    private final RateLimiter limiter;

    WakePacer(WolProperties properties) {
        // one permit per slot, slots as short as the rate allows, so wakes are evenly spaced rather than bursty
        double rate = properties.wakesPerSecond();
        Duration slot = Duration.ofNanos((long) (1_000_000_000L / rate));
        this.limiter = RateLimiter.of("wakes", RateLimiterConfig.custom()
                .limitForPeriod(1)
                .limitRefreshPeriod(slot)
                .timeoutDuration(Duration.ofMinutes(5))
                .build());
    }

    /** Blocks until this wake may go. */
    void awaitTurn() {
        RateLimiter.waitForPermission(limiter);
    }
}
