package servmon.events;

import jakarta.validation.constraints.Size;

import java.time.Instant;

/**
 * A request to wake one server. A public interface: any Kafka client may publish
 * {@code {"v":1,"serverId":"…","commandId":"…","requestedBy":"ci","reason":"API"}} on {@link Topics#WAKE_COMMANDS}.
 *
 * @param requestedAt optional; the wol-service uses the record's timestamp when absent
 */
public record WakeCommand(int v, ServerId serverId, CommandId commandId,
                          @Size(max = EventLimits.MAX_TOKEN_CHARS) @Printable String requestedBy,
                          @Size(max = EventLimits.MAX_TEXT_CHARS) @Printable String reason,
                          @PlausibleInstant Instant requestedAt) implements ServmonEvent {

    public WakeCommand {
        ServmonEvent.requireKnownVersion(v);
        ServmonEvent.required(serverId, "serverId");
        ServmonEvent.required(commandId, "commandId");
        ServmonEvent.required(requestedBy, "requestedBy");
    }

    public static WakeCommand of(ServerId serverId, String requestedBy, String reason) {
        return new WakeCommand(VERSION, serverId, CommandId.random(), requestedBy, reason, Instant.now());
    }
}
