package servmon.dashboard.history;

import java.time.Duration;

/** What the history charts span: the seed's last 30 samples, or a time range read from the fitting tier. */
enum ChartRange {

    LAST_SAMPLES("Last 30 samples", null),
    HOUR("1 hour", Duration.ofHours(1)),
    DAY("24 hours", Duration.ofDays(1)),
    WEEK("7 days", Duration.ofDays(7)),
    MONTH("30 days", Duration.ofDays(30));

    private final String label;
    private final Duration span;

    ChartRange(String label, Duration span) {
        this.label = label;
        this.span = span;
    }

    String label() {
        return label;
    }

    /** Null for {@link #LAST_SAMPLES}. */
    Duration span() {
        return span;
    }
}
