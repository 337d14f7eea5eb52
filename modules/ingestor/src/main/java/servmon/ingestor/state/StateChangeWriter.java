package servmon.ingestor.state;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import servmon.events.ServerStateChanged;
import servmon.ingestor.DbTime;

import java.util.List;

/**
 * Appends a state batch's changes to {@code server_state_change} (see V11), in the caller's transaction: one JDBC
 * batch, which the driver sends as one multi-row INSERT (rewriteBatchedStatements), so a poll of 10,000 servers'
 * changes is one round trip. A change seen before (a redelivery, or the same verdict republished because something
 * else about the server changed) is the same (server, time, state) key, which IGNORE skips.
 */
@Component
class StateChangeWriter {

    private static final String INSERT = """
            INSERT IGNORE INTO server_state_change (server_id, changed_at, to_state, from_state)
            VALUES (?, ?, ?, ?)""";

    private final JdbcTemplate jdbc;

    StateChangeWriter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void write(List<ServerStateWriter.StateRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        jdbc.batchUpdate(INSERT, rows, rows.size(), (ps, row) -> {
            ServerStateChanged change = row.change();
            ps.setLong(1, row.serverId());
            ps.setObject(2, DbTime.utc(change.since()));
            ps.setString(3, change.state().name());
            ps.setString(4, change.previous() == null ? null : change.previous().name());
        });
    }
}
