package servmon.store.history;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * The reads of a server's history, each one a range of the (server_id, time) primary key: keyset pages of samples
 * (never OFFSET, which rereads every skipped row and shifts while samples arrive) and time ranges of a tier.
 * Plain SQL rather than JPA so that the benchmark (bench/history-reads.sh) times exactly these statements.
 * <p>
 * Every read joins {@code server}: the hot tables have no foreign key (see V2), so rows of a removed server
 * linger until retention drops them and must not show. The join is one primary-key lookup.
 */
public final class HistoryReads {

    private static final String SAMPLE_COLUMNS = """
            select m.sampled_at, m.cpu_pct, m.power_w, m.power_source, m.user_count, m.mem_used_bytes,
                   m.disk_used_bytes, m.net_rx_bps, m.net_tx_bps
            from metric_sample m join server s on s.id = m.server_id
            where m.server_id = :serverId""";

    private static final String NEWEST_FIRST = " order by m.sampled_at desc limit :limit";

    private static final String SAMPLES_BEFORE = SAMPLE_COLUMNS + " and m.sampled_at < :before" + NEWEST_FIRST;

    private static final String SAMPLES_NEWEST = SAMPLE_COLUMNS + NEWEST_FIRST;

    private static final String SAMPLES_SINCE = SAMPLE_COLUMNS + " and m.sampled_at >= :since" + NEWEST_FIRST;

    private static final String SAMPLES_BEFORE_SINCE =
            SAMPLE_COLUMNS + " and m.sampled_at < :before and m.sampled_at >= :since" + NEWEST_FIRST;

    // An unbounded "order by sampled_at desc limit n" on a time-partitioned table merges the newest rows of every
    // partition (one index seek per day kept). A page is first looked for within a day, which prunes to one or two
    // daily partitions; only a server with fewer samples in that day is read unbounded.
    // Oldest first within [from, to): an export walks a range in time order, a page at a time.
    private static final String SAMPLES_FROM =
            SAMPLE_COLUMNS + " and m.sampled_at >= :from and m.sampled_at < :to order by m.sampled_at limit :limit";

    private static final Duration RECENT = Duration.ofDays(1);

    private static final String SKIP_SAMPLES = """
            select m.sampled_at from metric_sample m join server s on s.id = m.server_id
            where m.server_id = :serverId and m.sampled_at < :before
            order by m.sampled_at desc limit 1 offset :skip""";

    private static final String NEWEST_SAMPLED_AT = """
            select max(m.sampled_at) from metric_sample m join server s on s.id = m.server_id
            where m.server_id = :serverId""";

    // A sample stands for its agent's interval at its watts, as in the rollups.
    private static final String RAW_RANGE = """
            select m.sampled_at as at, m.cpu_pct as cpu_min, m.cpu_pct as cpu_avg, m.cpu_pct as cpu_max,
                   m.power_w as power_min, m.power_w as power_avg, m.power_w as power_max,
                   m.user_count as users_avg, m.mem_used_bytes as mem_avg,
                   m.power_w * m.interval_s / 3600 as energy_wh,
                   m.disk_used_bytes as disk_avg, m.net_rx_bps as net_rx_avg, m.net_tx_bps as net_tx_avg
            from metric_sample m join server s on s.id = m.server_id
            where m.server_id = :serverId and m.sampled_at >= :from and m.sampled_at < :to
            order by m.sampled_at""";

    private static final String ROLLUP_RANGE = """
            select r.bucket_start as at, r.cpu_min, r.cpu_avg, r.cpu_max, r.power_min, r.power_avg, r.power_max,
                   r.users_avg, r.mem_avg, if(r.power_n = 0, null, r.energy_wh) as energy_wh,
                   r.disk_avg, r.net_rx_avg, r.net_tx_avg
            from %s r join server s on s.id = r.server_id
            where r.server_id = :serverId and r.bucket_start >= :from and r.bucket_start < :to
            order by r.bucket_start""";

    // The primary key (server_id, asleep_at) read backwards: the newest periods first.
    private static final String SLEEP_PERIODS = """
            select p.asleep_at, p.woke_at, p.power_before_w, p.power_before_source, p.asleep_w
            from sleep_period p join server s on s.id = p.server_id
            where p.server_id = :serverId order by p.asleep_at desc limit :limit""";

    // Newest first within [from, to), a range of the primary key (server_id, changed_at, to_state), pruned to the
    // range's monthly partitions. Each row's end is the server's next change, looked up for the rows of the page only
    // (the derived table applies the limit first), one index seek each; the newest row's next change may lie past
    // the range.
    private static final String STATE_CHANGES = """
            select r.changed_at, r.from_state, r.to_state,
                   (select min(n.changed_at) from server_state_change n
                    where n.server_id = :serverId and n.changed_at > r.changed_at) as ended_at
            from (select c.changed_at, c.from_state, c.to_state
                  from server_state_change c join server s on s.id = c.server_id
                  where c.server_id = :serverId and c.changed_at >= :from and c.changed_at < :to
                  order by c.changed_at desc limit :limit) r
            order by r.changed_at desc""";

    private final JdbcClient jdbc;

    public HistoryReads(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The newest {@code limit} samples, newest first. */
    public List<StoredSample> newest(long serverId, int limit) {
        List<StoredSample> recent = jdbc.sql(SAMPLES_SINCE).param("serverId", serverId)
                .param("since", utc(Instant.now().minus(RECENT))).param("limit", limit)
                .query(HistoryReads::sample).list();
        return recent.size() == limit ? recent : jdbc.sql(SAMPLES_NEWEST).param("serverId", serverId)
                .param("limit", limit).query(HistoryReads::sample).list();
    }

    /** The next page below a cursor: the newest {@code limit} samples taken strictly before {@code before}. */
    public List<StoredSample> newestBefore(long serverId, Instant before, int limit) {
        List<StoredSample> recent = jdbc.sql(SAMPLES_BEFORE_SINCE).param("serverId", serverId)
                .param("before", utc(before)).param("since", utc(before.minus(RECENT))).param("limit", limit)
                .query(HistoryReads::sample).list();
        return recent.size() == limit ? recent : jdbc.sql(SAMPLES_BEFORE).param("serverId", serverId)
                .param("before", utc(before)).param("limit", limit).query(HistoryReads::sample).list();
    }

    /**
     * Up to {@code limit} samples of [from, to), oldest first: one keyset page of a range walked in time order (the
     * next page starts 1 ms after the last sample read, sampled_at holding milliseconds).
     */
    public List<StoredSample> oldestFrom(long serverId, Instant from, Instant to, int limit) {
        return jdbc.sql(SAMPLES_FROM).param("serverId", serverId).param("from", utc(from)).param("to", utc(to))
                .param("limit", limit).query(HistoryReads::sample).list();
    }

    /**
     * The server's newest {@code limit} sleep periods, newest first. Every change of state is in
     * {@link #stateChanges}, and every wake and sleep step in wake_event.
     */
    public List<SleepSpan> sleepPeriods(long serverId, int limit) {
        return jdbc.sql(SLEEP_PERIODS).param("serverId", serverId).param("limit", limit)
                .query((rs, n) -> new SleepSpan(instant(rs, 1), instant(rs, 2), nullableDouble(rs, 3),
                        rs.getString(4), rs.getDouble(5)))
                .list();
    }

    /** The server's newest {@code limit} state changes of [from, to), newest first, each with when it ended. */
    public List<StateChange> stateChanges(long serverId, Instant from, Instant to, int limit) {
        return jdbc.sql(STATE_CHANGES).param("serverId", serverId).param("from", utc(from)).param("to", utc(to))
                .param("limit", limit)
                .query((rs, n) -> new StateChange(instant(rs, 1), rs.getString(2), rs.getString(3), instant(rs, 4)))
                .list();
    }

    /**
     * The time of the {@code rows}-th sample before {@code before} (1 = the first), to use as the cursor after
     * skipping that many: for a list scrolled far at once, where no page cursor is known yet. Empty past the end.
     */
    public Optional<Instant> cursorAfterSkipping(long serverId, Instant before, int rows) {
        return jdbc.sql(SKIP_SAMPLES).param("serverId", serverId).param("before", utc(before))
                .param("skip", rows - 1).query((rs, n) -> instant(rs, 1)).optional();
    }

    /** When the newest stored sample was taken; empty if the server never reported (or is removed). */
    public Optional<Instant> newestSampledAt(long serverId) {
        return jdbc.sql(NEWEST_SAMPLED_AT).param("serverId", serverId)
                .query((rs, n) -> Optional.ofNullable(instant(rs, 1))).single();
    }

    /**
     * The points of [from, to) in time order, from {@code tier}. For a rollup tier {@code from} is moved back to
     * its bucket's start, so the bucket it falls in is shown.
     */
    public List<HistoryPoint> range(long serverId, HistoryTier tier, Instant from, Instant to) {
        String sql = tier == HistoryTier.RAW ? RAW_RANGE : ROLLUP_RANGE.formatted(tier.table());
        return jdbc.sql(sql).param("serverId", serverId).param("from", utc(tier.bucketStart(from)))
                .param("to", utc(to)).query(POINT).list();
    }

    private static final RowMapper<HistoryPoint> POINT = (rs, n) -> new HistoryPoint(
            instant(rs, 1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4),
            nullableDouble(rs, 5), nullableDouble(rs, 6), nullableDouble(rs, 7),
            rs.getDouble(8), nullableDouble(rs, 9), nullableDouble(rs, 10),
            nullableDouble(rs, 11), nullableDouble(rs, 12), nullableDouble(rs, 13));

    private static StoredSample sample(ResultSet rs, int rowNum) throws SQLException {
        return new StoredSample(instant(rs, 1), rs.getDouble(2), nullableDouble(rs, 3), rs.getString(4),
                rs.getInt(5), nullableLong(rs, 6), nullableLong(rs, 7), nullableLong(rs, 8), nullableLong(rs, 9));
    }

    private static Long nullableLong(ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    private static Double nullableDouble(ResultSet rs, int column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }

    // DATETIME columns hold UTC wall-clock time; reading and binding LocalDateTime keeps the JVM's zone out of it.
    private static Instant instant(ResultSet rs, int column) throws SQLException {
        LocalDateTime value = rs.getObject(column, LocalDateTime.class);
        return value == null ? null : value.toInstant(ZoneOffset.UTC);
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
