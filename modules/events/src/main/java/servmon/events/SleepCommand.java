package servmon.events;

import jakarta.validation.constraints.Size;

import java.time.Instant;

/**
 * A request to put one server to sleep, on {@link Topics#SLEEP_COMMANDS}. The wol-service checks that the server can
 * be woken again before it asks the agent; {@code force} skips those checks (with a warning in the result).
 */
public record SleepCommand(int v, ServerId serverId, CommandId commandId, SleepMode mode, boolean force,
                           @Size(max = EventLimits.MAX_TOKEN_CHARS) @Printable String requestedBy,
                           @PlausibleInstant Instant requestedAt) implements ServmonEvent {

    public SleepCommand {
        ServmonEvent.requireKnownVersion(v);
        ServmonEvent.required(serverId, "serverId");
        ServmonEvent.required(commandId, "commandId");
        ServmonEvent.required(mode, "mode");
        ServmonEvent.required(requestedBy, "requestedBy");
    }

    public static SleepCommand of(ServerId serverId, SleepMode mode, boolean force, String requestedBy) {
        return new SleepCommand(VERSION, serverId, CommandId.random(), mode, force, requestedBy, Instant.now());
    }
}
