package servmon.store.energy;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The energy figures, each one query for the whole fleet (grouped by the servers' group) or one server, never a
 * query per server. Plain SQL, as {@link servmon.store.history.HistoryReads}; every read joins {@code server}, so the
 * rows a removed server leaves in the hot tables (no foreign key, see V2) do not count.
 * <ul>
 * <li>used: the energy_wh the ingestor integrated into the rollups from the reported watts (see V2), over
 * {@link RollupSpans}; estimated_wh is its estimated part.</li>
 * <li>saved: for every sleep period (V5), its overlap with the range (an open one lasts until {@code now}) times
 * what it drew before sleeping minus what it draws asleep. Estimated when the power before came from an estimate
 * or no known source; a period without a power reading saves nothing countable and adds 0.</li>
 * <li>power now: the latest reading of each server that is ON.</li>
 * </ul>
 */
public final class EnergyReads {

    private static final String USED = """
            select %1$s, coalesce(sum(e.energy_wh), 0), coalesce(sum(e.estimated_wh), 0)
            from (
                select h.server_id, h.energy_wh, h.estimated_wh from metric_rollup_1h h
                where h.bucket_start >= :hourFrom and h.bucket_start < :hourTo %2$s
                union all
                select m.server_id, m.energy_wh, m.estimated_wh from metric_rollup_1m m
                where ((m.bucket_start >= :from and m.bucket_start < :headTo)
                       or (m.bucket_start >= :tailFrom and m.bucket_start < :to)) %3$s
            ) e join server s on s.id = e.server_id
            %4$s""";

    // "woke_at is null or woke_at > :from" can be read as ranges of ix_sleep_woke, however long the history.
    private static final String SAVED = """
            select %1$s, coalesce(sum(p.wh), 0),
                   coalesce(sum(if(p.power_before_source is null or p.power_before_source = 'ESTIMATE', p.wh, 0)), 0)
            from (
                select sp.server_id, sp.power_before_source,
                       greatest(0, coalesce(sp.power_before_w, 0) - sp.asleep_w)
                       * greatest(0, timestampdiff(microsecond, greatest(sp.asleep_at, :from),
                                                   least(coalesce(sp.woke_at, :now), :to))) / 3600000000 as wh
                from sleep_period sp
                where (sp.woke_at is null or sp.woke_at > :from) and sp.asleep_at < :to %2$s
            ) p join server s on s.id = p.server_id
            %3$s""";

    private static final String POWER_NOW = """
            select s.site, sum(st.power_w),
                   sum(if(st.power_source is null or st.power_source = 'ESTIMATE', st.power_w, 0)), count(*)
            from server_status st join server s on s.id = st.server_id
            where st.state = 'ON' and st.power_w is not null
            group by s.site
            order by s.site""";

    private static final String BY_GROUP = "group by s.site order by s.site";

    private static final RowMapper<GroupAmount> GROUP_AMOUNT = (rs, n) ->
            new GroupAmount(rs.getString(1), new EnergyAmount(rs.getDouble(2), rs.getDouble(3)));

    private final JdbcClient jdbc;

    public EnergyReads(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Energy used over [from, to) per group, from the rollups; groups without any are left out. */
    public List<GroupAmount> usedByGroup(Instant from, Instant to, Instant now) {
        return used(USED.formatted("s.site", "", "", BY_GROUP), from, to, now).query(GROUP_AMOUNT).list();
    }

    /** Energy one server used over [from, to). */
    public EnergyAmount usedByServer(long serverId, Instant from, Instant to, Instant now) {
        String server = "and %s.server_id = :serverId";
        return used(USED.formatted("null", server.formatted("h"), server.formatted("m"), ""), from, to, now)
                .param("serverId", serverId).query(GROUP_AMOUNT).single().amount();
    }

    /** Energy saved by sleeping over [from, to) per group; periods still open count until {@code now}. */
    public List<GroupAmount> savedByGroup(Instant from, Instant to, Instant now) {
        return saved(SAVED.formatted("s.site", "", BY_GROUP), from, to, now).query(GROUP_AMOUNT).list();
    }

    /** Energy one server saved by sleeping over [from, to). */
    public EnergyAmount savedByServer(long serverId, Instant from, Instant to, Instant now) {
        return saved(SAVED.formatted("null", "and sp.server_id = :serverId", ""), from, to, now)
                .param("serverId", serverId).query(GROUP_AMOUNT).single().amount();
    }

    /** What the servers that are ON draw now, per group. */
    public List<PowerNow> powerNowByGroup() {
        return jdbc.sql(POWER_NOW).query((rs, n) ->
                new PowerNow(rs.getString(1), rs.getDouble(2), rs.getDouble(3), rs.getInt(4))).list();
    }

    private JdbcClient.StatementSpec used(String sql, Instant from, Instant to, Instant now) {
        RollupSpans spans = RollupSpans.of(from, to, now);
        return jdbc.sql(sql).param("from", utc(from)).param("to", utc(to))
                .param("hourFrom", utc(spans.hourFrom())).param("hourTo", utc(spans.hourTo()))
                .param("headTo", utc(spans.headTo())).param("tailFrom", utc(spans.tailFrom()));
    }

    private JdbcClient.StatementSpec saved(String sql, Instant from, Instant to, Instant now) {
        return jdbc.sql(sql).param("from", utc(from)).param("to", utc(to)).param("now", utc(now));
    }

    // DATETIME columns hold UTC wall-clock time; binding LocalDateTime keeps the JVM's zone out of it.
    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
