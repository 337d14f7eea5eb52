package servmon.store.server;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

import java.util.List;
import java.util.Optional;

public interface ServerRepository extends JpaRepository<Server, Long> {

    String OVERVIEW = """
            select new servmon.store.server.ServerOverview(
                s.id, s.name, s.mac, coalesce(st.state, 'EMPTY'), st.stateSince, st.lastSeen, st.lastSampledAt,
                st.cpuPct, st.powerW, st.powerSource, st.userCount)
            from Server s left join ServerStatus st on st.serverId = s.id
            """;

    /** Every server with its status in ONE query (a DTO projection, no entities, no N+1), by name. */
    @Query(OVERVIEW + " order by s.name, s.id")
    List<ServerOverview> findAllOverviews();

    /**
     * A page of the fleet by id, for the API: the servers after {@code afterId} (a keyset cursor, so a page never
     * repeats or skips a server while others are added or removed).
     */
    @Query(OVERVIEW + " where s.id > :afterId order by s.id limit :limit")
    List<ServerOverview> findOverviewsAfter(long afterId, int limit);

    @Query(OVERVIEW + " where s.id = :id")
    Optional<ServerOverview> findOverview(long id);

    Optional<Server> findByName(String name);

    Optional<Server> findByPublicId(String publicId);

    boolean existsByName(String name);

    boolean existsByPublicId(String publicId);

    /**
     * Keeps the server's current public id, name and signing secret in {@code removed_server} (V12), before its row
     * is deleted or given a new key, so that the ingestor can still tell an agent that was away at that moment that
     * its server was removed. Stamped with the database's UTC clock, which the ingestor's purge measures against.
     * Returns rows written (0 if there is no such server).
     */
    @Modifying(flushAutomatically = true)
    @Query(nativeQuery = true, value = """
            insert into removed_server (public_id, name, signing_secret, removed_at)
            select public_id, name, signing_secret, utc_timestamp(3) from server where id = :id""")
    int keepRemovedId(long id);

    /**
     * Deletes the server. Its status, samples and rollups have no foreign key (V2): every read joins {@code server},
     * so they vanish from view at once and retention removes them. Returns rows deleted.
     */
    @Modifying(clearAutomatically = true, flushAutomatically = true)
    @Query("delete from Server s where s.id = :id")
    int deleteServer(long id);
}
