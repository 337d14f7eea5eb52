package servmon.store.history;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Where a history range is read from. Each tier keeps a range to a few thousand points: 6 h of 8 s samples is
 * 2,700 rows, 7 days of minutes 10,080, and a year of hours 8,760, so a chart never reads millions of rows.
 */
public enum HistoryTier {

    /** Every sample, from metric_sample. */
    RAW("raw", "metric_sample", null, Duration.ofHours(6)),
    /** Minute buckets, from metric_rollup_1m. */
    MINUTE("1m", "metric_rollup_1m", ChronoUnit.MINUTES, Duration.ofDays(7)),
    /** Hour buckets, from metric_rollup_1h. */
    HOUR("1h", "metric_rollup_1h", ChronoUnit.HOURS, null);

    private final String label;
    private final String table;
    private final ChronoUnit bucket;
    private final Duration longestRange;

    HistoryTier(String label, String table, ChronoUnit bucket, Duration longestRange) {
        this.label = label;
        this.table = table;
        this.bucket = bucket;
        this.longestRange = longestRange;
    }

    /** The finest tier that keeps [from, to) to a chart's worth of points. */
    public static HistoryTier forRange(Instant from, Instant to) {
        Duration length = Duration.between(from, to);
        for (HistoryTier tier : values()) {
            if (tier.longestRange == null || length.compareTo(tier.longestRange) <= 0) {
                return tier;
            }
        }
        throw new AssertionError("HOUR takes any range");
    }

    /** As the API names it: raw, 1m or 1h. */
    public String label() {
        return label;
    }

    String table() {
        return table;
    }

    /**
     * The start of the bucket holding {@code at}, so that a range starting mid-bucket still shows that bucket;
     * raw samples are not bucketed.
     */
    Instant bucketStart(Instant at) {
        return bucket == null ? at : at.truncatedTo(bucket);
    }
}
