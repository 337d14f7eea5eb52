package servmon.store.sample;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

import java.time.Instant;

/** The natural key of a sample: replays of the same report hit the same row (the ingestor inserts with IGNORE). */
@Embeddable
public record MetricSampleId(
        @Column(name = "server_id", nullable = false) Long serverId,
        @Column(name = "sampled_at", nullable = false) Instant sampledAt) {
}
