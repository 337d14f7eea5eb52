package servmon.ingestor.metrics;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import servmon.ingestor.DbTime;
import servmon.ingestor.IngestMeters;
import servmon.ingestor.rollup.RollupWriter;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Writes one poll batch in one transaction: the samples, their minute and hour rollups, and each server's latest
 * values. This is the ingest hot path: a few multi-row statements per poll, no per-row or per-server round trip.
 * The listener commits the batch's offsets only after this returns, so a crash at any point replays the batch, and
 * every write here is idempotent under that replay.
 */
@Component
class SampleBatchWriter {

    private final SampleInserter samples;
    private final RollupWriter rollups;
    private final LatestValuesWriter latest;
    private final TransactionTemplate transaction;
    private final IngestMeters meters;
    private final Clock clock;

    SampleBatchWriter(SampleInserter samples, RollupWriter rollups, LatestValuesWriter latest,
                      PlatformTransactionManager transactionManager, IngestMeters meters, Clock clock) {
        this.samples = samples;
        this.rollups = rollups;
        this.latest = latest;
        this.transaction = new TransactionTemplate(transactionManager);
        this.meters = meters;
        this.clock = clock;
    }

    /** @param now when the batch arrived: the servers' last_seen */
    void write(List<Sample> batch, Instant now) {
        if (batch.isEmpty()) {
            return;
        }
        long startedAt = System.nanoTime();
        transaction.executeWithoutResult(status -> {
            SampleInserter.Inserted inserted = samples.insert(batch);
            rollups.add(inserted.fresh());
            // Recomputed from what is now stored, after the additions: it overwrites those buckets whole, so it
            // may overlap them.
            rollups.recompute(inserted.seenBefore());
            latest.write(batch, DbTime.utc(now));
        });
        meters.batchWritten(batch.size(), System.nanoTime() - startedAt);
        meters.samplesCommitted(batch.stream().map(sample -> sample.report().sampledAt()).toList(), clock.instant());
    }
}
