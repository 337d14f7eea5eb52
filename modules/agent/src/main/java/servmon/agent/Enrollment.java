package servmon.agent;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import servmon.events.AgentControl;
import servmon.events.ServerKey;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The server's answer to this agent's first report: accepted (signed with this server's key), the key is remembered;
 * refused, the agent stops. No answer in time only means the ingestor is down: reporting goes on and the answer still
 * counts when it comes.
 *
 * <p>A refusal cannot be signed: no service knows a key it does not know. So it is obeyed only by an agent that was
 * never accepted (started with a new key, at a console, where a mistyped key is the likely cause), and it never
 * deletes the key file: an agent that was accepted before ignores an unsigned refusal, which a forger could send.
 */
final class Enrollment {

    private static final Logger log = LoggerFactory.getLogger(Enrollment.class);

    private final ServerKey key;
    private final Path keyFile;
    private final long waitNanos;
    private final Runnable stopAgent;
    private final CompletableFuture<AgentControl> outcome = new CompletableFuture<>();
    private long waitingSinceNanos;
    private boolean waiting;
    private boolean lateLogged;

    Enrollment(ServerKey key, Path keyFile, Duration wait, Runnable stopAgent) {
        this.key = key;
        this.keyFile = keyFile;
        this.waitNanos = wait.toNanos();
        this.stopAgent = stopAgent;
    }

    CompletableFuture<AgentControl> outcome() {
        return outcome;
    }

    /** The first report is on its way. */
    void startWaiting(long nowNanos) {
        if (!waiting) {
            waiting = true;
            waitingSinceNanos = nowNanos;
        }
    }

    void checkLate(long nowNanos) {
        if (waiting && !lateLogged && !outcome.isDone() && nowNanos - waitingSinceNanos > waitNanos) {
            lateLogged = true;
            log.warn("No answer to enrollment within {} s (is the ingestor running?): reporting anyway;"
                    + " the key is saved when the answer comes", TimeUnit.NANOSECONDS.toSeconds(waitNanos));
        }
    }

    /** @param signed whether the answer carries a valid signature of this server's key */
    void onReply(AgentControl reply, boolean signed) {
        if (outcome.isDone()) {
            log.debug("Ignored a repeated enrollment answer");
            return;
        }
        if (reply.accepted() == null) {
            log.warn("Ignored an enrollment answer that says neither accepted nor refused");
            return;
        }
        if (reply.accepted() && !signed) {
            log.warn("Ignored an acceptance that is not signed with this server's key: forged, or from another"
                    + " servmon installation");
        } else if (reply.accepted()) {
            accept(reply);
        } else if (enrolledBefore()) {
            log.warn("Ignored a refusal of key {}, which was accepted before: a refusal cannot be signed, so it may be"
                    + " forged. If the server was removed on the dashboard, stop this agent and delete {}. ({})",
                    key, keyFile, messageOf(reply));
        } else {
            refuse(reply);
        }
    }

    /** Whether the key file holds this key: saved when the key was accepted (or by the admin). */
    private boolean enrolledBefore() {
        try {
            return KeyFile.read(keyFile).map(key::equals).orElse(false);
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    private void accept(AgentControl reply) {
        try {
            KeyFile.save(keyFile, key);
            log.info("Enrolled as {}; key saved to {}", key, keyFile);
        } catch (IOException e) {
            log.warn("Enrolled as {}, but could not save the key to {}: {}", key, keyFile, e.toString());
        }
        outcome.complete(reply);
    }

    private void refuse(AgentControl reply) {
        log.error("The server refused key {}: {}", key, messageOf(reply));
        outcome.complete(reply);
        stopAgent.run();
    }

    /** What to tell the person at the console; the server's advice when it gave one. */
    static String messageOf(AgentControl reply) {
        return reply.message() == null || reply.message().isBlank()
                ? "this server key is not registered: add the server on the dashboard's Add Server page"
                : reply.message();
    }

    void cancel() {
        outcome.cancel(false);
    }
}
