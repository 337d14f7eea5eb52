package servmon.embedded;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A tiny shell process that stops mariadbd when this JVM dies, including by {@code kill -9}, which runs no shutdown
 * hook: a thread cannot do this, and Linux's parent-death signal cannot be asked for from Java. It checks both
 * every second; when the JVM is gone it sends mariadbd SIGTERM (a clean InnoDB shutdown) and SIGKILL 30 s later
 * if it is still there, and when mariadbd is gone it has nothing left to do and exits.
 */
final class ParentDeathWatchdog implements AutoCloseable {

    // a zombie still answers kill -0: a JVM killed but not yet reaped by its parent counts as gone
    private static final String SCRIPT = """
            alive() { kill -0 "$1" 2>/dev/null && ! grep -q '^State:[[:space:]]*Z' "/proc/$1/status" 2>/dev/null; }
            while alive "$1"; do
              alive "$2" || exit 0
              sleep 1
            done
            kill -TERM "$2" 2>/dev/null || exit 0
            i=0
            while alive "$2" && [ $i -lt 30 ]; do sleep 1; i=$((i + 1)); done
            kill -KILL "$2" 2>/dev/null
            exit 0
            """;

    private final Process process;

    private ParentDeathWatchdog(Process process) {
        this.process = process;
    }

    static ParentDeathWatchdog watch(ProcessHandle server) {
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", SCRIPT, "servmon-mariadb-watchdog",
                String.valueOf(ProcessHandle.current().pid()), String.valueOf(server.pid()))
                // nothing tied to the JVM's pipes: they break when it dies, and the watchdog must outlive it
                .redirectInput(new File("/dev/null"))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        try {
            return new ParentDeathWatchdog(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the MariaDB watchdog", e);
        }
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    @Override
    public void close() {
        process.destroy();
    }
}
