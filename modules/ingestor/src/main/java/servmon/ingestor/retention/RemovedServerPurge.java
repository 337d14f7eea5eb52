package servmon.ingestor.retention;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import servmon.ingestor.IngestorProperties;

import java.time.Duration;

/**
 * Forgets removed servers' ids and secrets ({@code removed_server}, V12) once past
 * {@code servmon.ingestor.retention.removed-servers}: an agent away that long gets the unsigned refusal instead of a
 * signed removal order, and the secret is no longer kept anywhere. Several ingestors may run it at once: the same
 * single DELETE, harmless twice.
 */
@Component
public class RemovedServerPurge {

    private static final Logger log = LoggerFactory.getLogger(RemovedServerPurge.class);

    private final JdbcTemplate jdbc;
    private final Duration keep;

    RemovedServerPurge(JdbcTemplate jdbc, IngestorProperties properties) {
        this.jdbc = jdbc;
        this.keep = properties.retention().removedServers();
    }

    /** @return how many rows were purged */
    @Scheduled(initialDelay = 0, fixedDelayString = "${servmon.ingestor.retention.check-every}")
    public int purge() {
        try {
            // measured on the database's UTC clock, which stamped removed_at (ServerRepository.keepRemovedId)
            int purged = jdbc.update(
                    "DELETE FROM removed_server WHERE removed_at < UTC_TIMESTAMP(3) - INTERVAL ? SECOND",
                    keep.toSeconds());
            if (purged > 0) {
                log.info("Forgot {} servers removed more than {} ago", purged, keep);
            }
            return purged;
        } catch (DataAccessException e) {
            log.warn("Purging removed servers failed, will try again: {}", e.getMessage());
            return 0;
        }
    }
}
