package servmon.events;

import jakarta.validation.constraints.Size;

import java.time.Instant;

/**
 * A request to wake one server. A public interface: any Kafka client may publish
 * {@code {"v":1,"serverKey":"…","commandId":"…","requestedBy":"ci","reason":"API"}} on {@link Topics#WAKE_COMMANDS}.
 *
 * @param requestedAt optional; the wol-service uses the record's timestamp when absent
 */
public record WakeCommand(int v, ServerKey serverKey, CommandId commandId,
                          @Size(max = EventLimits.MAX_TOKEN_CHARS) @Printable String requestedBy,
                          @Size(max = EventLimits.MAX_TEXT_CHARS) @Printable String reason,
                          @PlausibleInstant Instant requestedAt) implements ServmonEvent {

    public WakeCommand {
        ServmonEvent.requireKnownVersion(v);
        ServmonEvent.required(serverKey, "serverKey");
        ServmonEvent.required(commandId, "commandId");
        ServmonEvent.required(requestedBy, "requestedBy");
    }

    public static WakeCommand of(ServerKey serverKey, String requestedBy, String reason) {
        return new WakeCommand(VERSION, serverKey, CommandId.random(), requestedBy, reason, Instant.now());
    }
}
