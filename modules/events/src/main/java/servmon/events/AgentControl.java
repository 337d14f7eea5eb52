package servmon.events;

import jakarta.validation.constraints.Size;

import java.time.Instant;

/**
 * A message to one agent on {@link Topics#AGENT_CONTROL}: the answer to its enrollment, an order to sleep,
 * an order to relay a magic packet to a neighbour on its subnet, or the news that its server was removed.
 *
 * @param accepted   for {@link Type#ENROLL_REPLY}: whether the server is registered
 * @param message    human-readable text the agent prints; for {@link Type#REMOVED}, which server was removed
 * @param targetMac  for {@link Type#RELAY_WAKE}: the MAC to wake
 * @param commandId  for {@link Type#SLEEP} and {@link Type#RELAY_WAKE}: the command the agent's {@link AgentReply}
 *                   answers
 * @param mode       for {@link Type#SLEEP}: suspend or power off
 * @param targetBroadcast for {@link Type#RELAY_WAKE}: where on the agent's subnet to send the packet
 */
public record AgentControl(int v, ServerId serverId, Type type, Boolean accepted,
                           @Size(max = EventLimits.MAX_TEXT_CHARS) String message,
                           @Size(max = EventLimits.MAX_TOKEN_CHARS) @Printable String targetMac,
                           @PlausibleInstant Instant issuedAt, CommandId commandId, SleepMode mode,
                           @Size(max = EventLimits.MAX_TOKEN_CHARS) @Printable String targetBroadcast)
        implements ServmonEvent {

    /**
     * {@link #REMOVED}: the server was removed on the dashboard (deleted, or given a new key), so its key is worthless
     * from now on and the agent stops. Obeyed only when signed with that server's secret, like every order.
     */
    public enum Type { ENROLL_REPLY, SLEEP, RELAY_WAKE, REMOVED }

    public static AgentControl enrollReply(ServerId serverId, boolean accepted, String message, Instant issuedAt) {
        return new AgentControl(VERSION, serverId, Type.ENROLL_REPLY, accepted, message, null, issuedAt, null, null,
                null);
    }

    public static AgentControl sleep(ServerId serverId, CommandId commandId, SleepMode mode, Instant issuedAt) {
        return new AgentControl(VERSION, serverId, Type.SLEEP, null, null, null, issuedAt, commandId, mode, null);
    }

    public static AgentControl relayWake(ServerId serverId, CommandId commandId, String targetMac,
                                         String targetBroadcast, Instant issuedAt) {
        return new AgentControl(VERSION, serverId, Type.RELAY_WAKE, null, null, targetMac, issuedAt, commandId, null,
                targetBroadcast);
    }

    /** @param message which server was removed, for the agent's log (e.g. its name on the dashboard) */
    public static AgentControl removed(ServerId serverId, String message, Instant issuedAt) {
        return new AgentControl(VERSION, serverId, Type.REMOVED, null, message, null, issuedAt, null, null, null);
    }

    /**
     * The {@link Type#REMOVED} order as the services send it, the same words whoever sends it: the wol-service when
     * the removal happens, the ingestor when an agent that was away at that moment reports again.
     *
     * @param serverName the server's name on the dashboard when it was removed
     */
    public static AgentControl removedFromServmon(ServerId serverId, String serverName, Instant issuedAt) {
        return removed(serverId, "server " + serverName + " was removed from servmon", issuedAt);
    }

    public AgentControl {
        ServmonEvent.requireKnownVersion(v);
        ServmonEvent.required(serverId, "serverId");
        ServmonEvent.required(type, "type");
        ServmonEvent.required(issuedAt, "issuedAt");
        if (type == Type.SLEEP) {
            ServmonEvent.required(commandId, "commandId");
            ServmonEvent.required(mode, "mode");
        }
        if (type == Type.RELAY_WAKE) {
            ServmonEvent.required(commandId, "commandId");
            ServmonEvent.required(targetMac, "targetMac");
        }
        if (type == Type.REMOVED) {
            ServmonEvent.required(message, "message");
        }
    }
}
