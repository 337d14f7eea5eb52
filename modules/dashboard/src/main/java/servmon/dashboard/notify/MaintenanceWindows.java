package servmon.dashboard.notify;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Component;
import servmon.dashboard.base.ui.Reason;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static servmon.dashboard.notify.NotificationLog.instant;
import static servmon.dashboard.notify.NotificationLog.utc;

/** Times when alerts about a server, or a group of servers, are held back (table {@code maintenance_window}). */
@Component
public class MaintenanceWindows {

    /**
     * One window; exactly one of {@code serverName} and {@code group} is set.
     *
     * @param serverName the server's name (for the page), null for a group's window
     */
    public record Window(long id, Long serverId, String serverName, String group, Instant startsAt, Instant endsAt,
                         String reason, String createdBy) {

        /** "db-1" or "group office", for the page and the log. */
        public String target() {
            return serverName != null ? serverName : "group " + group;
        }
    }

    static final int MAX_REASON = 300;

    private final JdbcClient jdbc;
    private final Clock clock;

    MaintenanceWindows(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.clock = Clock.systemUTC();
    }

    /**
     * Adds a window for one server (by name) or for a group; refuses, with the reason, a window that ends before it
     * starts or has ended already, an unknown server, or both or neither of server and group.
     *
     * @throws MaintenanceWindowRefusedException with the reason
     */
    public Window add(String serverName, String group, Instant startsAt, Instant endsAt, String reason,
                      String createdBy) {
        boolean forServer = serverName != null && !serverName.isBlank();
        boolean forGroup = group != null && !group.isBlank();
        if (forServer == forGroup) {
            throw new MaintenanceWindowRefusedException(Reason.of("notifications.window.refused.server-or-group"));
        }
        if (startsAt == null || endsAt == null || !endsAt.isAfter(startsAt)) {
            throw new MaintenanceWindowRefusedException(Reason.of("notifications.window.refused.ends-before-start"));
        }
        if (!endsAt.isAfter(clock.instant())) {
            throw new MaintenanceWindowRefusedException(Reason.of("notifications.window.refused.ended"));
        }
        if (reason != null && reason.length() > MAX_REASON) {
            throw new MaintenanceWindowRefusedException(Reason.of("notifications.window.refused.reason-too-long",
                    reason.length(), MAX_REASON));
        }
        Long serverId = null;
        if (forServer) {
            serverId = jdbc.sql("select id from server where name = ?").param(serverName.strip())
                    .query(Long.class).optional()
                    .orElseThrow(() -> new MaintenanceWindowRefusedException(
                            Reason.of("notifications.window.refused.unknown-server", serverName.strip())));
        }
        KeyHolder id = new GeneratedKeyHolder();
        jdbc.sql("insert into maintenance_window (server_id, server_group, starts_at, ends_at, reason, created_by,"
                        + " created_at) values (?, ?, ?, ?, ?, ?, ?)")
                .params(serverId, forGroup ? group.strip() : null, utc(startsAt), utc(endsAt),
                        reason == null || reason.isBlank() ? null : reason.strip(), createdBy, utc(clock.instant()))
                .update(id, "id");
        return jdbc.sql(SELECT + " where w.id = ?").param(id.getKey().longValue()).query(WINDOW).single();
    }

    public void remove(long id) {
        jdbc.sql("delete from maintenance_window where id = ?").param(id).update();
    }

    /** The windows that have not ended, soonest first. */
    public List<Window> current() {
        return jdbc.sql(SELECT + " where w.ends_at > ? order by w.starts_at, w.id")
                .param(utc(clock.instant()))
                .query(WINDOW)
                .list();
    }

    /** The window that holds back alerts about this server at {@code at}, if any. */
    Optional<Window> covering(long serverId, String group, Instant at) {
        return jdbc.sql(SELECT + " where w.starts_at <= :at and w.ends_at > :at"
                        + " and (w.server_id = :server or (:group is not null and w.server_group = :group))"
                        + " order by w.id limit 1")
                .param("at", utc(at)).param("server", serverId).param("group", group)
                .query(WINDOW)
                .optional();
    }

    private static final RowMapper<Window> WINDOW = (rs, n) -> new Window(rs.getLong(1),
            rs.getObject(2, Long.class), rs.getString(3), rs.getString(4), instant(rs.getTimestamp(5)),
            instant(rs.getTimestamp(6)), rs.getString(7), rs.getString(8));

    private static final String SELECT = "select w.id, w.server_id, s.name, w.server_group, w.starts_at, w.ends_at,"
            + " w.reason, w.created_by from maintenance_window w left join server s on s.id = w.server_id";
}
