package servmon.events;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.PositiveOrZero;

import java.time.Instant;

/** What the wol-service did with a {@link WakeCommand}, on {@link Topics#WAKE_RESULTS}. */
public record WakeResult(int v, ServerId serverId, CommandId commandId, WakeStatus status, String detail,
                         @PositiveOrZero @Max(10_000) int packetsSent, @PlausibleInstant Instant at)
        implements ServmonEvent {

    public WakeResult {
        ServmonEvent.requireKnownVersion(v);
        ServmonEvent.required(serverId, "serverId");
        ServmonEvent.required(commandId, "commandId");
        ServmonEvent.required(status, "status");
        ServmonEvent.required(at, "at");
        // A detail quotes other texts (an agent's reason, the sleep guard's reasons), so it is cut to the bound
        // rather than refused: one step of a power log must not be lost for a long sentence.
        if (detail != null && detail.length() > EventLimits.MAX_TEXT_CHARS) {
            detail = detail.substring(0, EventLimits.MAX_TEXT_CHARS - 1) + "…";
        }
    }
}
