package servmon.events;

import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import java.time.Instant;

/**
 * The power policies in force, saved by an admin in the dashboard. Published on the compacted
 * {@link Topics#POWER_POLICIES} under the one key {@link #KEY}, so the topic keeps only the latest version.
 *
 * <p>The YAML text is carried as saved, in the format of a policy file (settings under {@code servmon.wol.policy}):
 * the dashboard and the wol-service parse it with the same {@code servmon.events.policy.PolicySettings}, so there is
 * one format and one parser, and what the dashboard accepted is what the wol-service runs.
 *
 * @param yaml      the settings, exactly as a policy file holds them
 * @param version   increases with each save (the dashboard's audit log numbers them alike)
 * @param changedBy the admin who saved them
 */
public record PowerPolicies(int v, @Size(max = MAX_YAML_CHARS) String yaml, @Positive int version,
                            @Size(max = EventLimits.MAX_NAME_CHARS) @Printable String changedBy,
                            @PlausibleInstant Instant changedAt) implements ServmonEvent {

    /** The only key on the topic: there is one set of policies for the whole installation. */
    public static final ServerId KEY = ServerId.of("policies");

    /** Well under {@link EventLimits#MAX_EVENT_BYTES} with the other fields, and far more than any real policy set. */
    public static final int MAX_YAML_CHARS = 32 * 1024;

    public PowerPolicies {
        ServmonEvent.requireKnownVersion(v);
        ServmonEvent.required(yaml, "yaml");
        ServmonEvent.required(changedBy, "changedBy");
        ServmonEvent.required(changedAt, "changedAt");
    }

    @Override
    public ServerId serverId() {
        return KEY;
    }
}
