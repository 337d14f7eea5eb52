package servmon.events;

import jakarta.validation.constraints.Size;

import java.time.Instant;

/**
 * A message to one agent on {@link Topics#AGENT_CONTROL}: the answer to its enrollment, an order to sleep,
 * or an order to relay a magic packet to a neighbour on its subnet.
 *
 * @param accepted   for {@link Type#ENROLL_REPLY}: whether the server is registered
 * @param message    human-readable text the agent prints
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

    public enum Type { ENROLL_REPLY, SLEEP, RELAY_WAKE }

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
    }
}
