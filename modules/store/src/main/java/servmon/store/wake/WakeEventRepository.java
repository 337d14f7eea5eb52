package servmon.store.wake;

import org.springframework.data.repository.Repository;

import java.util.List;

/** Read-only: the ingestor writes wake events. */
public interface WakeEventRepository extends Repository<WakeEvent, WakeEventId> {

    /** A server's latest wake events, newest first. */
    List<WakeEvent> findTop20ByServerIdOrderByAtDesc(long serverId);

    List<WakeEvent> findByIdCommandId(String commandId);
}
