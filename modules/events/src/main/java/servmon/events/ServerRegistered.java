package servmon.events;

import jakarta.validation.constraints.Size;

import java.time.Instant;

/**
 * A server was added (or its settings changed) in the dashboard. Published on the compacted
 * {@link Topics#SERVERS}; a null value (tombstone) under the same key means the server was removed.
 *
 * @param mac   MAC to wake, as entered by the admin; null to use the one the agent reports
 * @param group the server's group (site or role), null for none: sleep keeps one server of each group awake
 */
public record ServerRegistered(int v, ServerKey serverKey, long serverId,
                               @Size(max = EventLimits.MAX_NAME_CHARS) @Printable String name,
                               @Size(max = EventLimits.MAX_TOKEN_CHARS) @Printable String mac,
                               @PlausibleInstant Instant registeredAt,
                               @Size(max = EventLimits.MAX_NAME_CHARS) @Printable String group) implements ServmonEvent {

    public ServerRegistered(int v, ServerKey serverKey, long serverId, String name, String mac, Instant registeredAt) {
        this(v, serverKey, serverId, name, mac, registeredAt, null);
    }

    public ServerRegistered {
        ServmonEvent.requireKnownVersion(v);
        ServmonEvent.required(serverKey, "serverKey");
        ServmonEvent.required(name, "name");
        ServmonEvent.required(registeredAt, "registeredAt");
    }
}
