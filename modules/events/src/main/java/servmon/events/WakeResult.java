package servmon.events;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import java.time.Instant;

/** What the wol-service did with a {@link WakeCommand}, on {@link Topics#WAKE_RESULTS}. */
public record WakeResult(int v, ServerKey serverKey, CommandId commandId, WakeStatus status,
                         @Size(max = EventLimits.MAX_TEXT_CHARS) String detail,
                         @PositiveOrZero @Max(10_000) int packetsSent,
                         @PlausibleInstant Instant at) implements ServmonEvent {

    public WakeResult {
        ServmonEvent.requireKnownVersion(v);
        ServmonEvent.required(serverKey, "serverKey");
        ServmonEvent.required(commandId, "commandId");
        ServmonEvent.required(status, "status");
        ServmonEvent.required(at, "at");
    }
}
