package servmon.events;

import java.time.Instant;

/** What the wol-service did with a {@link WakeCommand}, on {@link Topics#WAKE_RESULTS}. */
public record WakeResult(int v, ServerKey serverKey, CommandId commandId, WakeStatus status, String detail,
                         int packetsSent, Instant at) implements ServmonEvent {

    public WakeResult {
        ServmonEvent.requireKnownVersion(v);
        ServmonEvent.required(serverKey, "serverKey");
        ServmonEvent.required(commandId, "commandId");
        ServmonEvent.required(status, "status");
        ServmonEvent.required(at, "at");
    }
}
