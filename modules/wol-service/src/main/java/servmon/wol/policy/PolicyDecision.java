package servmon.wol.policy;

import servmon.events.ServerId;

import java.time.Instant;

/** What the engine decided for one server, and why, in words for the power log. */
public record PolicyDecision(Instant at, String policy, ServerId server, String serverName, Action action,
                             String reason, boolean dryRun) {

    public enum Action { SLEEP, WAKE }

    @Override
    public String toString() {
        return (dryRun ? "[dry run] would have " : "") + (action == Action.SLEEP ? "slept " : "woken ") + serverName
                + " (policy " + policy + "): " + reason;
    }
}
