package servmon.store.history;

import org.junit.jupiter.api.Test;
import servmon.store.energy.EnergyAmount;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class SleepSpanTest {

    private static final Instant ASLEEP = Instant.parse("2026-03-01T22:00:00Z");

    @Test
    void an_open_period_saves_until_now_and_an_estimated_reading_makes_its_saving_estimated() {
        SleepSpan open = new SleepSpan(ASLEEP, null, 62.0, "ESTIMATE", 2.0);

        assertThat(open.saved(ASLEEP.plus(Duration.ofHours(2)))).isEqualTo(new EnergyAmount(120.0, 120.0));
    }

    @Test
    void a_server_that_drew_less_than_asleep_saved_nothing() {
        SleepSpan closed = new SleepSpan(ASLEEP, ASLEEP.plus(Duration.ofHours(1)), 1.0, "RAPL", 2.0);

        assertThat(closed.saved(ASLEEP.plus(Duration.ofDays(1)))).isEqualTo(EnergyAmount.ZERO);
    }
}
