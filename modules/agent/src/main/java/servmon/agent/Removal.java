package servmon.agent;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import servmon.events.AgentControl;
import servmon.events.ServerKey;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The services' signed word that this server was removed from servmon (deleted on the dashboard, or given a new key
 * there): the key is worthless from now on, so the agent stops instead of sending reports that can only be refused,
 * and the command line exits with {@link AgentCli#EXIT_REMOVED}.
 *
 * <p>It deletes the key file, if it still holds this key, and nothing else: the key will never be accepted again
 * (server ids are never reused), and a key file left behind would make the next start (systemd's restart, the next
 * boot) report with it again and ignore the unsigned refusals, for ever. Without the file the packaged service does
 * not start at all (ConditionPathExists), and an enrollment starts clean. Reports still in the spool are left: they
 * are data, not a secret.
 */
final class Removal {

    private static final Logger log = LoggerFactory.getLogger(Removal.class);

    private final ServerKey key;
    private final Path keyFile;
    private final String bootstrapServers;
    private final Runnable stopAgent;
    private final AtomicReference<AgentControl> order = new AtomicReference<>();

    Removal(ServerKey key, Path keyFile, String bootstrapServers, Runnable stopAgent) {
        this.key = key;
        this.keyFile = keyFile;
        this.bootstrapServers = bootstrapServers;
        this.stopAgent = stopAgent;
    }

    /** @param removed a {@link AgentControl.Type#REMOVED} order, already checked to be signed with this key */
    void onOrder(AgentControl removed) {
        if (!order.compareAndSet(null, removed)) {
            return;  // another instance of the wol-service said it too
        }
        String keyFileFate;
        try {
            keyFileFate = KeyFile.deleteIfHolds(keyFile, key) ? "key file " + keyFile + " deleted"
                    : "key file " + keyFile + " left as it was (it does not hold this key)";
        } catch (IOException e) {
            keyFileFate = "could not delete the key file " + keyFile + " (" + e + "): delete it yourself";
        }
        log.error("{} ({}); {}; the agent stops. {}", advice(), removed.message(), keyFileFate, howToEnroll());
        stopAgent.run();
    }

    /** The order, once one came. */
    Optional<AgentControl> order() {
        return Optional.ofNullable(order.get());
    }

    /** What the log and the command line say first. */
    static String advice() {
        return "This server was removed from servmon by an admin (deleted on the dashboard, or given a new key there):"
                + " its key is no longer accepted";
    }

    /** How to report again: a new key from Add Server, then the agent's first run, which asks for it. */
    String howToEnroll() {
        return "To report again, add the server on the dashboard's Add Server page and enroll it again with the new"
                + " key: servmon-agent --bootstrap " + bootstrapServers + " --key-file " + keyFile
                + " (it asks for the key), or for the packaged service: sudo servmon-agent enroll --bootstrap "
                + bootstrapServers;
    }
}
