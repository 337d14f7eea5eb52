package servmon.events;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.List;

/**
 * The state monitor's verdict, on the compacted {@link Topics#SERVER_STATE}: the latest per server is its state.
 *
 * @param since      when the server entered {@code state}
 * @param lastSeen   arrival of its latest report, or null if it never reported
 * @param interfaces the interfaces of its latest report, kept so a server that is off can still be woken
 * @param powerBeforeSleepW for {@link ServerState#ASLEEP}: the watts it drew just before it went to sleep, what
 *                   sleeping saves; null otherwise
 * @param conflict   why the server's reports cannot be trusted (two agents report with its key), null when they can
 */
public record ServerStateChanged(
        int v,
        ServerId serverId,
        ServerState state,
        ServerState previous,
        @PlausibleInstant Instant since,
        @PlausibleInstant Instant lastSeen,
        @Size(max = EventLimits.MAX_TOKEN_CHARS) @Printable String bootId,
        // 0 for a server that never reported
        @Min(0) @Max(EventLimits.MAX_INTERVAL_S) int intervalS,
        @Size(max = EventLimits.MAX_INTERFACES) List<@Valid NetInterface> interfaces,
        @Min(0) @Max(EventLimits.MAX_POWER_W) Double powerBeforeSleepW,
        @Size(max = EventLimits.MAX_TEXT_CHARS) String conflict) implements ServmonEvent {

    public ServerStateChanged(int v, ServerId serverId, ServerState state, ServerState previous, Instant since,
                              Instant lastSeen, String bootId, int intervalS, List<NetInterface> interfaces) {
        this(v, serverId, state, previous, since, lastSeen, bootId, intervalS, interfaces, null, null);
    }

    public ServerStateChanged(int v, ServerId serverId, ServerState state, ServerState previous, Instant since,
                              Instant lastSeen, String bootId, int intervalS, List<NetInterface> interfaces,
                              Double powerBeforeSleepW) {
        this(v, serverId, state, previous, since, lastSeen, bootId, intervalS, interfaces, powerBeforeSleepW, null);
    }

    public ServerStateChanged {
        ServmonEvent.requireKnownVersion(v);
        ServmonEvent.required(serverId, "serverId");
        ServmonEvent.required(state, "state");
        ServmonEvent.required(since, "since");
        interfaces = interfaces == null ? List.of() : List.copyOf(interfaces);
    }
}
