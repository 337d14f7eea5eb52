package servmon.dashboard.history;

import java.time.Duration;
import java.util.Locale;

/** What the history charts span: the seed's last 30 samples, or a time range read from the fitting tier. */
enum ChartRange {

    LAST_SAMPLES(null),
    HOUR(Duration.ofHours(1)),
    DAY(Duration.ofDays(1)),
    WEEK(Duration.ofDays(7)),
    MONTH(Duration.ofDays(30));

    private final Duration span;

    ChartRange(Duration span) {
        this.span = span;
    }

    /** The translation key of its button's text, e.g. {@code history.range.last_samples}. */
    String labelKey() {
        return "history.range." + name().toLowerCase(Locale.ROOT);
    }

    /** Null for {@link #LAST_SAMPLES}. */
    Duration span() {
        return span;
    }
}
