package servmon.events;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import java.time.Instant;

/**
 * An agent's answer to a {@link AgentControl} order, on {@link Topics#AGENT_REPLIES}, sent before it acts: a sleep
 * accepted (then the agent runs its sleep command and goes silent) or refused with the reason, a relay done.
 *
 * @param powerW for an accepted sleep: the watts the server drew just before, what sleeping saves
 */
public record AgentReply(int v, ServerId serverId, CommandId commandId, AgentControl.Type type, boolean accepted,
                         @Size(max = EventLimits.MAX_TEXT_CHARS) String reason,
                         @Min(0) @Max(EventLimits.MAX_POWER_W) Double powerW,
                         @PlausibleInstant Instant at) implements ServmonEvent {

    public AgentReply {
        ServmonEvent.requireKnownVersion(v);
        ServmonEvent.required(serverId, "serverId");
        ServmonEvent.required(commandId, "commandId");
        ServmonEvent.required(type, "type");
        ServmonEvent.required(at, "at");
    }
}
