package servmon.dashboard.servers;

import servmon.events.ServerId;
import servmon.events.ServerKey;

/**
 * A server as registered: its row id, its public id, and, right after it was registered (or given a new key), the key
 * its agent must report with. The database does not keep the key, so it is shown once (a secret: show it to the
 * admin, never log it whole).
 *
 * @param key null when the server was read back rather than just registered
 */
public record RegisteredServer(long id, ServerId serverId, ServerKey key, String name, String mac) {
}
