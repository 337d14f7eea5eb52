package servmon.dashboard.servers;

import servmon.events.ServerKey;

/**
 * A server as registered: its id and the key its agent must report with (a secret: show it to the admin,
 * never log it whole).
 */
public record RegisteredServer(long id, ServerKey key, String name, String mac) {
}
