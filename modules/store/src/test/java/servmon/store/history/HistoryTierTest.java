package servmon.store.history;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class HistoryTierTest {

    private static final Instant TO = Instant.parse("2026-05-01T00:00:00Z");

    @Test
    void hours_read_raw_samples_days_minute_buckets_and_longer_ranges_hour_buckets() {
        assertThat(tierFor(Duration.ofMinutes(1))).isEqualTo(HistoryTier.RAW);
        assertThat(tierFor(Duration.ofHours(6))).isEqualTo(HistoryTier.RAW);
        assertThat(tierFor(Duration.ofHours(6).plusSeconds(1))).isEqualTo(HistoryTier.MINUTE);
        assertThat(tierFor(Duration.ofDays(7))).isEqualTo(HistoryTier.MINUTE);
        assertThat(tierFor(Duration.ofDays(7).plusSeconds(1))).isEqualTo(HistoryTier.HOUR);
        assertThat(tierFor(Duration.ofDays(365))).isEqualTo(HistoryTier.HOUR);
    }

    @Test
    void tiers_are_named_as_the_api_shows_them() {
        assertThat(HistoryTier.RAW.label()).isEqualTo("raw");
        assertThat(HistoryTier.MINUTE.label()).isEqualTo("1m");
        assertThat(HistoryTier.HOUR.label()).isEqualTo("1h");
    }

    private static HistoryTier tierFor(Duration length) {
        return HistoryTier.forRange(TO.minus(length), TO);
    }
}
