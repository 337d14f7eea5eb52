package servmon.ingestor.state;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import servmon.events.ServerStateChanged;
import servmon.ingestor.DbTime;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;

/** Upserts the state columns of {@code server_status}; the sample columns are the metrics writer's. */
@Component
class ServerStateWriter {

    record StateRow(long serverId, ServerStateChanged change) {
    }

    private static final String SAME_OR_LATER = "(state_since IS NULL OR VALUES(state_since) >= state_since)";

    // A replayed older verdict never overwrites a newer one, and last_seen only moves forward.
    // The SELECT from server skips a server deleted meanwhile; state comes before state_since (left-to-right).
    private static final String UPSERT_STATE = """
            INSERT INTO server_status (server_id, state, state_since, last_seen, updated_at)
            SELECT id, ?, ?, ?, ? FROM server WHERE id = ?
            ON DUPLICATE KEY UPDATE
                state = IF(%1$s, VALUES(state), state),
                state_since = IF(%1$s, VALUES(state_since), state_since),
                last_seen = COALESCE(GREATEST(last_seen, VALUES(last_seen)), last_seen, VALUES(last_seen)),
                updated_at = VALUES(updated_at)""".formatted(SAME_OR_LATER);

    private final JdbcTemplate jdbc;

    ServerStateWriter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void write(List<StateRow> rows, Instant now) {
        if (rows.isEmpty()) {
            return;
        }
        LocalDateTime updatedAt = DbTime.utc(now);
        jdbc.batchUpdate(UPSERT_STATE, rows, rows.size(), (ps, row) -> {
            ServerStateChanged change = row.change();
            ps.setString(1, change.state().name());
            ps.setObject(2, DbTime.utc(change.since()));
            ps.setObject(3, change.lastSeen() == null ? null : DbTime.utc(change.lastSeen()));
            ps.setObject(4, updatedAt);
            ps.setLong(5, row.serverId());
        });
    }
}
