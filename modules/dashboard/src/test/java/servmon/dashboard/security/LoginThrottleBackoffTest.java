package servmon.dashboard.security;

import com.github.benmanes.caffeine.cache.Ticker;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The backoff's arithmetic, on a clock the test moves. */
class LoginThrottleBackoffTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final Ticker ticker = nanos::get;
    private final LoginThrottle throttle = new LoginThrottle(new LoginThrottleProperties(3, 10,
            Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofMinutes(30)), ticker);

    @Test
    void the_wait_starts_after_the_free_failures_and_doubles_up_to_the_longest() {
        assertThat(throttle.failed("ann", "192.0.2.1")).isZero();
        assertThat(throttle.failed("ann", "192.0.2.2")).isZero();
        assertThat(throttle.waitFor("ann", "192.0.2.3")).isEmpty();

        assertThat(throttle.failed("ann", "192.0.2.3")).isEqualTo(Duration.ofSeconds(1));
        assertThat(throttle.waitFor("ANN", "192.0.2.4")).as("user names match without case")
                .hasValue(Duration.ofSeconds(1));
        advance(Duration.ofSeconds(1));
        assertThat(throttle.waitFor("ann", "192.0.2.4")).isEmpty();

        assertThat(throttle.failed("ann", "192.0.2.4")).isEqualTo(Duration.ofSeconds(2));
        advance(Duration.ofSeconds(2));
        assertThat(throttle.failed("ann", "192.0.2.5")).isEqualTo(Duration.ofSeconds(4));
        advance(Duration.ofSeconds(4));
        assertThat(throttle.failed("ann", "192.0.2.6")).isEqualTo(Duration.ofSeconds(8));
        advance(Duration.ofSeconds(8));
        assertThat(throttle.failed("ann", "192.0.2.7")).isEqualTo(Duration.ofSeconds(10));
        advance(Duration.ofSeconds(10));
        for (int i = 0; i < 40; i++) {
            assertThat(throttle.failed("ann", "192.0.2.8")).isEqualTo(Duration.ofSeconds(10));
        }
        assertThat(throttle.waitFor("bob", "192.0.2.9")).as("others are not affected").isEmpty();
    }

    @Test
    void a_success_forgets_the_users_failures_but_not_the_addresss() {
        for (int i = 0; i < 9; i++) {
            throttle.failed("user-" + i % 2, "198.51.100.1");
        }
        throttle.succeeded("user-0");
        throttle.succeeded("user-1");
        assertThat(throttle.waitFor("user-0", "198.51.100.2")).isEmpty();

        assertThat(throttle.failed("carol", "198.51.100.1")).as("10th failure from that address")
                .isEqualTo(Duration.ofSeconds(1));
        assertThat(throttle.waitFor("dave", "198.51.100.1")).hasValue(Duration.ofSeconds(1));
        assertThat(throttle.waitFor("dave", "198.51.100.2")).isEmpty();
    }

    @Test
    void failures_are_forgotten_after_a_quiet_spell() {
        for (int i = 0; i < 3; i++) {
            throttle.failed("erin", "203.0.113.5");
        }
        advance(Duration.ofMinutes(31));

        assertThat(throttle.failed("erin", "203.0.113.5")).as("counting starts again").isZero();
    }

    @Test
    void settings_out_of_order_are_refused() {
        assertThatThrownBy(() -> new LoginThrottleProperties(5, 20, Duration.ofMinutes(1), Duration.ofSeconds(1),
                Duration.ofHours(1))).hasMessageContaining("first-backoff <= longest-backoff");
    }

    @Test
    void user_names_are_logged_without_line_breaks_and_cut_short() {
        assertThat(LoginOutcomes.printable("eve\r\nINFO forged\u001b[31m")).isEqualTo("eve??INFO forged?[31m");
        assertThat(LoginOutcomes.printable("x".repeat(100))).isEqualTo("x".repeat(64) + "…");
    }

    private void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }
}
