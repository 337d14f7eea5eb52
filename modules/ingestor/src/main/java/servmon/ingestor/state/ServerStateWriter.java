package servmon.ingestor.state;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import servmon.events.ServerStateChanged;
import servmon.ingestor.DbTime;
import servmon.ingestor.JdbcParams;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.List;

/**
 * Upserts the state columns of {@code server_status}, one multi-row statement per batch (the driver rewrites the
 * JDBC batch), the sleep periods those changes open and close, and the changes themselves (the state history), in
 * one transaction; the sample columns are the metrics writer's.
 */
@Component
class ServerStateWriter {

    record StateRow(long serverId, ServerStateChanged change) {
    }

    private static final String SAME_OR_LATER = "(state_since IS NULL OR VALUES(state_since) >= state_since)";

    // A replayed older verdict never overwrites a newer one, and last_seen only moves forward.
    // state comes before state_since (MySQL assigns left to right). A row of a server removed meanwhile is an
    // orphan that every read ignores (they join `server`) and retention sweeps.
    private static final String UPSERT_STATE = """
            INSERT INTO server_status (server_id, state, state_since, power_before_sleep_w, key_conflict, last_seen,
                updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            ON DUPLICATE KEY UPDATE
                key_conflict = IF(%1$s, VALUES(key_conflict), key_conflict),
                state = IF(%1$s, VALUES(state), state),
                power_before_sleep_w = IF(%1$s, VALUES(power_before_sleep_w), power_before_sleep_w),
                state_since = IF(%1$s, VALUES(state_since), state_since),
                last_seen = COALESCE(GREATEST(last_seen, VALUES(last_seen)), last_seen, VALUES(last_seen)),
                updated_at = VALUES(updated_at)""".formatted(SAME_OR_LATER);

    private final JdbcTemplate jdbc;
    private final SleepPeriodWriter sleepPeriods;
    private final StateChangeWriter changes;
    private final TransactionTemplate transaction;

    ServerStateWriter(JdbcTemplate jdbc, SleepPeriodWriter sleepPeriods, StateChangeWriter changes,
                      PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.sleepPeriods = sleepPeriods;
        this.changes = changes;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    void write(List<StateRow> rows, Instant now) {
        if (rows.isEmpty()) {
            return;
        }
        LocalDateTime updatedAt = DbTime.utc(now);
        // In server order, as the latest-values writer locks them: two writers of server_status taking rows in
        // different orders deadlock (seen at 10,000 servers). The sort is stable, so one server's changes keep theirs.
        List<StateRow> ordered = rows.stream().sorted(Comparator.comparingLong(StateRow::serverId)).toList();
        transaction.executeWithoutResult(status -> {
            upsertStates(ordered, updatedAt);
            sleepPeriods.write(ordered);
            changes.write(ordered);
        });
    }

    private void upsertStates(List<StateRow> ordered, LocalDateTime updatedAt) {
        jdbc.batchUpdate(UPSERT_STATE, ordered, ordered.size(), (ps, row) -> {
            ServerStateChanged change = row.change();
            ps.setLong(1, row.serverId());
            ps.setString(2, change.state().name());
            ps.setObject(3, DbTime.utc(change.since()));
            JdbcParams.setDouble(ps, 4, change.powerBeforeSleepW());
            ps.setString(5, change.conflict() == null || change.conflict().length() <= 300
                    ? change.conflict() : change.conflict().substring(0, 300));
            ps.setObject(6, change.lastSeen() == null ? null : DbTime.utc(change.lastSeen()));
            ps.setObject(7, updatedAt);
        });
    }
}
