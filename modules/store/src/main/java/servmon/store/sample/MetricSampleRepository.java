package servmon.store.sample;

import org.springframework.data.repository.Repository;

import java.util.List;

/**
 * Read-only access to samples; the ingestor writes them with JDBC batches. Lists page by keyset through
 * {@link servmon.store.history.HistoryReads}, never by offset.
 */
public interface MetricSampleRepository extends Repository<MetricSample, MetricSampleId> {

    /** The 30 newest samples of a server, newest first (the history charts show them oldest first). */
    List<MetricSample> findTop30ByIdServerIdOrderByIdSampledAtDesc(long serverId);

    long countByIdServerId(long serverId);
}
