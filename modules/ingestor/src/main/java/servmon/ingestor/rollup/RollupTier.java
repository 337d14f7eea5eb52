package servmon.ingestor.rollup;

import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;

/** The two rollup tables and the bucket each sample falls into. */
public enum RollupTier {

    MINUTE("metric_rollup_1m", ChronoUnit.MINUTES),
    HOUR("metric_rollup_1h", ChronoUnit.HOURS);

    private final String table;
    private final ChronoUnit bucket;

    RollupTier(String table, ChronoUnit bucket) {
        this.table = table;
        this.bucket = bucket;
    }

    public String table() {
        return table;
    }

    /** The start of the bucket that holds {@code time} (UTC, as the schema stores it). */
    public LocalDateTime bucketStart(LocalDateTime time) {
        return time.truncatedTo(bucket);
    }

    public LocalDateTime bucketEnd(LocalDateTime bucketStart) {
        return bucketStart.plus(1, bucket);
    }
}
