package servmon.events;

import java.time.Instant;

/**
 * A server was added (or its settings changed) in the dashboard. Published on the compacted
 * {@link Topics#SERVERS}; a null value (tombstone) under the same key means the server was removed.
 *
 * @param mac MAC to wake, as entered by the admin; null to use the one the agent reports
 */
public record ServerRegistered(int v, ServerKey serverKey, long serverId, String name, String mac, Instant registeredAt)
        implements ServmonEvent {

    public ServerRegistered {
        ServmonEvent.requireKnownVersion(v);
        ServmonEvent.required(serverKey, "serverKey");
        ServmonEvent.required(name, "name");
        ServmonEvent.required(registeredAt, "registeredAt");
    }
}
