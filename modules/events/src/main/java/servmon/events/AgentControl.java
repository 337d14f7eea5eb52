package servmon.events;

import java.time.Instant;

/**
 * A message to one agent on {@link Topics#AGENT_CONTROL}: the answer to its enrollment, an order to sleep,
 * or an order to relay a magic packet to a neighbour on its subnet.
 *
 * @param accepted   for {@link Type#ENROLL_REPLY}: whether the key is registered
 * @param message    human-readable text the agent prints
 * @param targetMac  for {@link Type#RELAY_WAKE}: the MAC to wake
 */
public record AgentControl(int v, ServerKey serverKey, Type type, Boolean accepted, String message, String targetMac,
                           Instant issuedAt) implements ServmonEvent {

    public enum Type { ENROLL_REPLY, SLEEP, RELAY_WAKE }

    public AgentControl {
        ServmonEvent.requireKnownVersion(v);
        ServmonEvent.required(serverKey, "serverKey");
        ServmonEvent.required(type, "type");
        ServmonEvent.required(issuedAt, "issuedAt");
    }
}
