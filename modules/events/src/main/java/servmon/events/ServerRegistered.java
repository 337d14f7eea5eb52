package servmon.events;

import jakarta.validation.constraints.Size;

import java.time.Instant;

/**
 * A server was added (or its settings changed) in the dashboard. Published on the compacted
 * {@link Topics#SERVERS}; a null value (tombstone) under the same key means the server was removed.
 *
 * @param mac   MAC to wake, as entered by the admin; null to use the one the agent reports
 * @param rowId the server's row in the database
 * @param group the server's group (site or role), null for none: sleep keeps one server of each group awake
 * @param signingSecret what the server's agent signs its reports with, and the services their orders to it
 *              ({@link RecordSignature}); derived from the key, never the key itself. This topic is readable by the
 *              services only (deploy/kafka-acls.sh). Null from a producer that cannot sign: its reports are refused.
 */
public record ServerRegistered(int v, ServerId serverId, long rowId,
                               @Size(max = EventLimits.MAX_NAME_CHARS) @Printable String name,
                               @Size(max = EventLimits.MAX_TOKEN_CHARS) @Printable String mac,
                               @PlausibleInstant Instant registeredAt,
                               @Size(max = EventLimits.MAX_NAME_CHARS) @Printable String group,
                               SigningSecret signingSecret) implements ServmonEvent {

    public ServerRegistered(int v, ServerId serverId, long rowId, String name, String mac, Instant registeredAt) {
        this(v, serverId, rowId, name, mac, registeredAt, null, null);
    }

    public ServerRegistered(int v, ServerId serverId, long rowId, String name, String mac, Instant registeredAt,
                            String group) {
        this(v, serverId, rowId, name, mac, registeredAt, group, null);
    }

    public ServerRegistered {
        ServmonEvent.requireKnownVersion(v);
        ServmonEvent.required(serverId, "serverId");
        ServmonEvent.required(name, "name");
        ServmonEvent.required(registeredAt, "registeredAt");
    }
}
