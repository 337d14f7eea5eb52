package servmon.ingestor.rollup;

import servmon.ingestor.DbTime;
import servmon.ingestor.metrics.Sample;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Folds a batch of samples into per-server buckets of one tier; pure, so it is tested without a database. */
final class Rollups {

    private record Key(long serverId, LocalDateTime start) {
    }

    // Sorted by key: concurrent writers then lock rollup rows in the same order, which keeps deadlocks away.
    private static final Comparator<RollupBucket> BY_KEY =
            Comparator.<RollupBucket>comparingLong(b -> b.serverId).thenComparing(b -> b.start);

    private Rollups() {
    }

    static List<RollupBucket> fold(List<Sample> samples, RollupTier tier) {
        Map<Key, RollupBucket> buckets = new HashMap<>();
        for (Sample sample : samples) {
            LocalDateTime start = tier.bucketStart(DbTime.utc(sample.report().sampledAt()));
            buckets.computeIfAbsent(new Key(sample.serverId(), start), k -> new RollupBucket(k.serverId, k.start))
                    .add(sample.report());
        }
        List<RollupBucket> sorted = new ArrayList<>(buckets.values());
        sorted.sort(BY_KEY);
        return sorted;
    }

}
