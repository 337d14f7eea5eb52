package servmon.wol.policy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import servmon.events.PowerPolicies;
import servmon.events.policy.PolicySettings;
import servmon.events.policy.PowerPolicy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;

/**
 * The policies in force, from the first of:
 * <ol>
 * <li>the dashboard: the latest {@link PowerPolicies} on {@code servmon.power-policies.v1} (parsed again when its
 * version changes);</li>
 * <li>{@code servmon.wol.policy-file} when it is set, read again whenever the file changes (an edit takes effect at
 * the next evaluation, no restart); a missing file means none;</li>
 * <li>the configuration.</li>
 * </ol>
 * Policies that do not parse are reported with their reason and the policies before them stay in force. Which source
 * is in force is logged whenever it changes.
 */
@Component
class PolicySource {

    private static final Logger log = LoggerFactory.getLogger(PolicySource.class);
    private static final PolicySettings NONE = new PolicySettings(null, null, null, null, null);

    private final PublishedPolicies published;
    private final PolicySettings configured;
    private final Path file;
    private PolicySettings current;
    private FileTime readAt;
    private int publishedVersion;
    private String from;

    PolicySource(PublishedPolicies published, PolicySettings configured,
                 @Value("${servmon.wol.policy-file:}") String file) {
        this.published = published;
        this.configured = configured;
        this.file = file.isBlank() ? null : Path.of(file);
        this.current = this.file == null ? configured : NONE;
    }

    synchronized PolicySettings current() {
        Optional<PowerPolicies> saved = published.latest();
        if (saved.isPresent()) {
            fromDashboard(saved.get());
        } else if (file != null) {
            publishedVersion = 0;
            fromFile();
        } else {
            publishedVersion = 0;
            current = configured;
            inForce("the configuration (servmon.wol.policy)");
        }
        return current;
    }

    private void fromDashboard(PowerPolicies saved) {
        if (saved.version() == publishedVersion) {
            return;
        }
        publishedVersion = saved.version();
        readAt = null;  // should the dashboard's ever go, the file is read afresh
        try {
            current = PolicySettings.parse(saved.yaml());
            inForce("the dashboard: version " + saved.version() + ", saved by " + saved.changedBy() + " at "
                    + saved.changedAt());
        } catch (RuntimeException e) {
            log.warn("Policies of version {} from the dashboard not taken, the policies before them stay in force: {}",
                    saved.version(), e.getMessage());
        }
    }

    private void fromFile() {
        try {
            FileTime modified = Files.exists(file) ? Files.getLastModifiedTime(file) : null;
            if (modified == null) {
                if (readAt != null || !"none".equals(from)) {
                    log.info("Policy file {} is missing: no power policy in force", file);
                    from = "none";
                }
                current = NONE;
                readAt = null;
            } else if (!modified.equals(readAt)) {
                readAt = modified;
                current = PolicySettings.read(file);
                from = null;  // a changed file is logged again
                inForce("the policy file " + file);
            }
        } catch (IOException | RuntimeException e) {
            log.warn("Policy file {} not taken, the policies before it stay in force: {}", file, e.getMessage());
        }
    }

    private void inForce(String source) {
        if (!source.equals(from)) {
            from = source;
            log.info("Power policies from {}: {}", source, current.policies().stream().map(PowerPolicy::name).toList());
        }
    }
}
