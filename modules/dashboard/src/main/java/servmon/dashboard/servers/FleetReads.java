package servmon.dashboard.servers;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import servmon.events.ServerState;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The {@link FleetFeed}'s reads of {@code server} and the ingestor's {@code server_status}: the whole fleet, or only
 * the servers whose status was written since a moment (and those registered after a known id). Plain JDBC into one
 * small record a row: it runs every second over up to tens of thousands of rows.
 */
@Component
class FleetReads {

    // A failed wake: one that timed out since the server entered its current state, while it is still not ON (the
    // index (server_id, at) answers it, and only for the few servers that are not ON).
    private static final String SELECT = """
            SELECT s.id, s.name, s.site, s.mac, st.state, st.state_since, st.last_seen, st.last_sampled_at,
                st.cpu_pct, st.power_w, st.power_source, st.user_count, st.key_conflict,
                (st.state IS NOT NULL AND st.state <> 'ON' AND st.state_since IS NOT NULL AND EXISTS (
                    SELECT 1 FROM wake_event w WHERE w.server_id = s.id AND w.status = 'TIMED_OUT'
                    AND w.at >= st.state_since)) AS wake_failed
            FROM server s LEFT JOIN server_status st ON st.server_id = s.id
            """;

    private final JdbcTemplate jdbc;

    FleetReads(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    List<FleetServer> all() {
        return jdbc.query(SELECT, (rs, n) -> server(rs));
    }

    /** Servers whose status was written at or after {@code since}, and every server with an id above {@code afterId}. */
    List<FleetServer> changedSince(Instant since, long afterId) {
        return jdbc.query(SELECT + " WHERE st.updated_at >= ? OR s.id > ?", (rs, n) -> server(rs),
                LocalDateTime.ofInstant(since, ZoneOffset.UTC), afterId);
    }

    /** How many servers are registered: a change in it means some were removed (or added) meanwhile. */
    int count() {
        Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM server", Integer.class);
        return count == null ? 0 : count;
    }

    private static FleetServer server(ResultSet rs) throws SQLException {
        ServerState state = ServerSummary.stateOf(rs.getString("state"));
        Instant lastSampledAt = instant(rs, "last_sampled_at");
        boolean reported = lastSampledAt != null || (state != ServerState.EMPTY);
        return new FleetServer(
                rs.getLong("id"),
                rs.getString("name"),
                rs.getString("site"),
                rs.getString("mac") != null || reported,
                state,
                instant(rs, "state_since"),
                instant(rs, "last_seen"),
                rs.getObject("cpu_pct", Double.class),
                rs.getObject("power_w", Double.class),
                ServerSummary.powerSourceOf(rs.getString("power_source")),
                rs.getObject("user_count", Integer.class),
                rs.getString("key_conflict") != null,
                rs.getBoolean("wake_failed"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        LocalDateTime utc = rs.getObject(column, LocalDateTime.class);
        return utc == null ? null : utc.toInstant(ZoneOffset.UTC);
    }

}
