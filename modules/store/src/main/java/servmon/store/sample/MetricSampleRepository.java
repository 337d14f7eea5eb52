package servmon.store.sample;

import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

import java.util.List;

/** Read-only access to samples; the ingestor writes them with JDBC batches. */
public interface MetricSampleRepository extends Repository<MetricSample, MetricSampleId> {

    /** The 30 newest samples of a server, newest first (the history charts show them oldest first). */
    List<MetricSample> findTop30ByIdServerIdOrderByIdSampledAtDesc(long serverId);

    /** One page of a server's samples, ordered as the pageable says (sort on {@code id.sampledAt}). */
    List<MetricSample> findByIdServerId(long serverId, Pageable pageable);

    /** {@code limit} samples from {@code offset}, newest first: for lazy lists, which ask by offset, not by page. */
    @Query("""
            select m from MetricSample m where m.id.serverId = :serverId
            order by m.id.sampledAt desc limit :limit offset :offset""")
    List<MetricSample> findNewestFirst(long serverId, int offset, int limit);

    long countByIdServerId(long serverId);
}
