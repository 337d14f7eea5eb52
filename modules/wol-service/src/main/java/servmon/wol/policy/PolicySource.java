package servmon.wol.policy;

import servmon.events.policy.PolicySettings;
import servmon.events.policy.PowerPolicy;
import servmon.events.policy.ScheduleWindow;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

/**
 * The policies in force: those of {@code servmon.wol.policy-file} when it is set, read again whenever the file
 * changes (an edit takes effect at the next evaluation, no restart), else those of the configuration. A file that
 * does not parse is reported with its reason and the policies before it stay in force; a missing file means none.
 */
@Component
class PolicySource {

    private static final Logger log = LoggerFactory.getLogger(PolicySource.class);
    private static final PolicySettings NONE = new PolicySettings(null, null, null, null, null);

    private final PolicySettings configured;
    private final Path file;
    private PolicySettings current;
    private FileTime readAt;

    PolicySource(PolicySettings configured, @Value("${servmon.wol.policy-file:}") String file) {
        this.configured = configured;
        this.file = file.isBlank() ? null : Path.of(file);
        this.current = this.file == null ? configured : NONE;
    }

    synchronized PolicySettings current() {
        if (file == null) {
            return configured;
        }
        try {
            FileTime modified = Files.exists(file) ? Files.getLastModifiedTime(file) : null;
            if (modified == null) {
                if (readAt != null) {
                    log.info("Policy file {} is gone: no power policy in force", file);
                }
                current = NONE;
                readAt = null;
            } else if (!modified.equals(readAt)) {
                readAt = modified;
                current = PolicySettings.read(file);
                log.info("Policies from {}: {}", file, current.policies().stream().map(PowerPolicy::name).toList());
            }
        } catch (IOException | RuntimeException e) {
            log.warn("Policy file {} not taken, the policies before it stay in force: {}", file, e.getMessage());
        }
        return current;
    }
}
