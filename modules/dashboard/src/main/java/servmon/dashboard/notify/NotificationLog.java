package servmon.dashboard.notify;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * The log of what was sent (table {@code notification_sent}): one row per alert and channel. A row is claimed before
 * sending, so an incident already claimed (read again after a restart, or by another dashboard) is not sent again: the
 * insert is the claim, the table's unique key on the incident and channel lets only one dashboard make it.
 */
@Component
public class NotificationLog {

    /** Where an alert got to on one channel. */
    public enum Outcome { SENDING, DELIVERED, FAILED, SILENCED }

    /** One row, for the page. */
    public record Entry(long id, Instant raisedAt, String rule, long serverId, String serverName, String channel,
                        Outcome outcome, int attempts, String detail, Instant finishedAt) {
    }

    /** The channel name of an alert held back for all channels at once. */
    static final String ALL_CHANNELS = "(all)";

    private static final int MAX_DETAIL = 500;

    private final JdbcClient jdbc;

    NotificationLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Claims the alert for a channel, as SENDING until {@link #finish}: the row's id, or empty when the same incident
     * was claimed before.
     */
    Optional<Long> claim(Alert alert, String channel) {
        return insert(alert, channel, Outcome.SENDING, null, null);
    }

    /**
     * Logs an alert that is not sent with its outcome (SILENCED) at once, so it is never seen as SENDING; false when
     * the same incident was logged before (then this one is not logged again).
     */
    boolean notSent(Alert alert, String channel, Outcome outcome, String detail, Instant at) {
        return insert(alert, channel, outcome, detail, at).isPresent();
    }

    private Optional<Long> insert(Alert alert, String channel, Outcome outcome, String detail, Instant finishedAt) {
        KeyHolder id = new GeneratedKeyHolder();
        try {
            jdbc.sql("insert into notification_sent (raised_at, rule_name, server_id, server_name, channel, incident,"
                            + " outcome, detail, finished_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(utc(alert.raisedAt()), alert.rule().id(), alert.serverId(), alert.serverName(), channel,
                            alert.incident(), outcome.name(), cut(detail), finishedAt == null ? null : utc(finishedAt))
                    .update(id, "id");
        } catch (DuplicateKeyException e) {
            return Optional.empty();
        }
        return Optional.of(id.getKey().longValue());
    }

    void finish(long id, Outcome outcome, int attempts, String detail, Instant at) {
        jdbc.sql("update notification_sent set outcome = ?, attempts = ?, detail = ?, finished_at = ? where id = ?")
                .params(outcome.name(), attempts, cut(detail), utc(at), id)
                .update();
    }

    /** The newest rows first. */
    public List<Entry> recent(int limit) {
        return jdbc.sql("select id, raised_at, rule_name, server_id, server_name, channel, outcome, attempts, detail,"
                        + " finished_at from notification_sent order by raised_at desc, id desc limit ?")
                .param(limit)
                .query((rs, n) -> new Entry(rs.getLong(1), instant(rs.getTimestamp(2)), rs.getString(3),
                        rs.getLong(4), rs.getString(5), rs.getString(6), Outcome.valueOf(rs.getString(7)),
                        rs.getInt(8), rs.getString(9), instant(rs.getTimestamp(10))))
                .list();
    }

    private static String cut(String detail) {
        return detail == null || detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL - 1) + "…";
    }

    static Timestamp utc(Instant instant) {
        return Timestamp.valueOf(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    }

    static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toLocalDateTime().toInstant(ZoneOffset.UTC);
    }
}
