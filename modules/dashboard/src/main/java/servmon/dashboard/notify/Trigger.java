package servmon.dashboard.notify;

import servmon.events.ServerId;

import java.time.Instant;

/**
 * A rule that fired for one server, before the server is looked up.
 *
 * @param incident   names what happened so that reading it again names it the same (an OFF by when it began, a
 *                   wake by its command id): the notification log's idempotency key
 * @param happenedAt when what the alert is about began
 * @param detail     one sentence for people, without the server's name (added by the channel)
 */
record Trigger(NotifyRule rule, ServerId server, String incident, Instant happenedAt, String detail) {
}
