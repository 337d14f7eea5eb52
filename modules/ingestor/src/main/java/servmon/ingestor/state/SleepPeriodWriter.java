package servmon.ingestor.state;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import servmon.events.ServerState;
import servmon.events.ServerStateChanged;
import servmon.ingestor.DbTime;
import servmon.ingestor.IngestorProperties;
import servmon.ingestor.JdbcParams;

import java.util.List;

/**
 * Keeps {@code sleep_period} (see V5): a change to ASLEEP opens a period, any later change of the server closes it.
 * Two batched statements per state batch, whatever its size (the driver rewrites each JDBC batch), in the caller's
 * transaction.
 * <p>
 * Replays are harmless: a period is keyed by (server, asleep_at), so opening it again is ignored, and a change only
 * closes periods that began before it, so a replayed older change never closes a newer period. A server put to
 * sleep again while a period is open (an ASLEEP verdict with a new time) has its open period closed there and a new
 * one opened: the time is counted once.
 */
@Component
class SleepPeriodWriter {

    // The power source is the one of the server's latest sample, the reading powerBeforeSleepW was taken from.
    private static final String OPEN = """
            INSERT IGNORE INTO sleep_period (server_id, asleep_at, power_before_w, power_before_source, asleep_w)
            VALUES (?, ?, ?, (SELECT st.power_source FROM server_status st WHERE st.server_id = ?), ?)""";

    private static final String CLOSE = """
            UPDATE sleep_period SET woke_at = ?
            WHERE server_id = ? AND woke_at IS NULL AND asleep_at < ?""";

    private final JdbcTemplate jdbc;
    private final double asleepWatts;

    SleepPeriodWriter(JdbcTemplate jdbc, IngestorProperties properties) {
        this.jdbc = jdbc;
        this.asleepWatts = properties.energy().asleepWatts();
    }

    /**
     * @param rows a batch's changes in server order, each server's in the order they happened. Periods are opened
     *             first and closed after, in that order: ASLEEP, ON, ASLEEP, ON of one server in one batch then
     *             makes two closed periods.
     */
    void write(List<ServerStateWriter.StateRow> rows) {
        List<ServerStateWriter.StateRow> asleep = rows.stream()
                .filter(row -> row.change().state() == ServerState.ASLEEP).toList();
        if (!asleep.isEmpty()) {
            jdbc.batchUpdate(OPEN, asleep, asleep.size(), (ps, row) -> {
                ServerStateChanged change = row.change();
                ps.setLong(1, row.serverId());
                ps.setObject(2, DbTime.utc(change.since()));
                JdbcParams.setDouble(ps, 3, change.powerBeforeSleepW());
                ps.setLong(4, row.serverId());
                ps.setDouble(5, asleepWatts);
            });
        }
        jdbc.batchUpdate(CLOSE, rows, rows.size(), (ps, row) -> {
            ps.setObject(1, DbTime.utc(row.change().since()));
            ps.setLong(2, row.serverId());
            ps.setObject(3, DbTime.utc(row.change().since()));
        });
    }
}
