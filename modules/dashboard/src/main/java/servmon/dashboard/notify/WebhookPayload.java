package servmon.dashboard.notify;

import java.time.Instant;

/**
 * The JSON body of a webhook POST, e.g. {@code {"v":1,"rule":"server-off","serverId":12,"server":"db-1",
 * "group":"office","incident":"2026-12-01T14:00:00Z","happenedAt":"2026-12-01T14:00:00Z",
 * "raisedAt":"2026-12-01T14:00:30Z","summary":"db-1: OFF for 30 s (stopped reporting at …)"}}. A public
 * interface: fields are only ever added. {@code v} is the format's version, as in servmon's events.
 */
record WebhookPayload(int v, String rule, long serverId, String server, String group, String incident,
                      Instant happenedAt, Instant raisedAt, String summary) {

    static WebhookPayload of(Alert alert) {
        return new WebhookPayload(1, alert.rule().id(), alert.serverId(), alert.serverName(), alert.group(),
                alert.incident(), alert.happenedAt(), alert.raisedAt(), alert.summary());
    }
}
