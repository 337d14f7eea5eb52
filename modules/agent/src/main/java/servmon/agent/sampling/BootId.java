package servmon.agent.sampling;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/** The id that proves a reboot: the wol-service confirms a wake when it changes. */
final class BootId {

    static final Path LINUX_BOOT_ID = Path.of("/proc/sys/kernel/random/boot_id");
    private static final Logger log = LoggerFactory.getLogger(BootId.class);

    private BootId() {
    }

    /** Read once: the kernel's id only changes with a reboot, which restarts the agent too. */
    static String read(Path bootIdFile) {
        try {
            String id = Files.readString(bootIdFile, StandardCharsets.US_ASCII).strip();
            if (!id.isEmpty()) {
                return id;
            }
        } catch (IOException | UnsupportedOperationException e) {
            // not Linux, or /proc not mounted: fall through
        }
        // Without a kernel boot id an agent restart looks like a reboot to the wol-service; better that than
        // never confirming a wake at all.
        String runId = "run-" + UUID.randomUUID();
        log.warn("No boot id at {}: using a per-run id, so an agent restart will look like a reboot", bootIdFile);
        return runId;
    }
}
