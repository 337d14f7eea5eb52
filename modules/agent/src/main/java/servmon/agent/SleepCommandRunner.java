package servmon.agent;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the command that puts this machine to sleep ({@code systemctl suspend} or {@code poweroff} by default). */
final class SleepCommandRunner {

    private static final Logger log = LoggerFactory.getLogger(SleepCommandRunner.class);
    /** systemctl only queues the job and returns; a command still running after this is left alone. */
    private static final long WAIT_SECONDS = 60;

    private SleepCommandRunner() {
    }

    /** @return the exit code, or -1 when it could not start or did not end in time */
    static int run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            process.getOutputStream().close();
            if (!process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)) {
                log.warn("Sleep command {} still running after {} s", command, WAIT_SECONDS);
                return -1;
            }
            int exit = process.exitValue();
            if (exit != 0) {
                log.error("Sleep command {} failed with exit code {}: the machine stays awake", command, exit);
            }
            return exit;
        } catch (IOException e) {
            log.error("Could not run the sleep command {}: {}", command, e.toString());
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
