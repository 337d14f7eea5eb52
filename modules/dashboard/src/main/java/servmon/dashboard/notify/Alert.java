package servmon.dashboard.notify;

import java.time.Instant;

/**
 * One alert about one server, as every channel sends it and the log records it.
 *
 * @param group      the server's group (its site), null for none
 * @param incident   see {@link Trigger#incident()}
 * @param happenedAt when what the alert is about began
 * @param raisedAt   when the rule fired
 */
public record Alert(NotifyRule rule, long serverId, String serverName, String group, String incident,
                    Instant happenedAt, Instant raisedAt, String detail) {

    /** One line, e.g. for an e-mail's subject: "db-1: OFF for 30 s". */
    public String summary() {
        return serverName + ": " + detail;
    }
}
