package servmon.agent.sampling;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Whether an interface will wake on a magic packet, from {@code ethtool <if>}'s "Wake-on:" line. Cached for ten
 * minutes per interface: starting a process every few seconds would cost more than the rest of the sample.
 */
final class EthtoolWolProbe {

    static final long RECHECK_NANOS = TimeUnit.MINUTES.toNanos(10);
    private static final long TIMEOUT_MS = 1_000;
    private static final Logger log = LoggerFactory.getLogger(EthtoolWolProbe.class);

    private final Path ethtool;
    private final Map<String, Checked> checked = new HashMap<>();

    private record Checked(Boolean armed, long atNanos) {
    }

    EthtoolWolProbe(Path ethtool) {
        this.ethtool = ethtool;
    }

    /** ethtool from PATH or the sbin folders (often missing from a service's PATH); unknown answers when absent. */
    static EthtoolWolProbe find() {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        Path found = Stream.concat(Stream.of(path.split(File.pathSeparator)), Stream.of("/usr/sbin", "/sbin"))
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, "ethtool"))
                .filter(Files::isExecutable)
                .findFirst()
                .orElse(null);
        if (found == null) {
            log.info("ethtool not found: Wake-on-LAN readiness of the interfaces is reported as unknown");
        }
        return new EthtoolWolProbe(found);
    }

    /** true for "Wake-on: g", false for another setting, null when unknown (no ethtool, no answer, virtual NIC). */
    Boolean wolArmed(String interfaceName, long nowNanos) {
        if (ethtool == null) {
            return null;
        }
        Checked last = checked.get(interfaceName);
        if (last != null && nowNanos - last.atNanos() < RECHECK_NANOS) {
            return last.armed();
        }
        Boolean armed = ask(interfaceName);
        checked.put(interfaceName, new Checked(armed, nowNanos));
        return armed;
    }

    private Boolean ask(String interfaceName) {
        Process process = null;
        try {
            process = new ProcessBuilder(List.of(ethtool.toString(), interfaceName))
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            process.getOutputStream().close();
            if (!process.waitFor(TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                log.debug("ethtool {} did not answer within {} ms", interfaceName, TIMEOUT_MS);
                return null;
            }
            // ethtool's output is a few hundred bytes, well under a pipe buffer, so reading after exit cannot block
            try (InputStream out = process.getInputStream()) {
                return parse(new String(out.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            log.debug("ethtool {} failed: {}", interfaceName, e.toString());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } finally {
            if (process != null && process.isAlive()) {
                process.destroyForcibly();
            }
        }
    }

    /** Reads the "Wake-on:" line, not "Supports Wake-on:", which lists what the card could do. */
    static Boolean parse(String ethtoolOutput) {
        for (String line : ethtoolOutput.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("Wake-on:")) {
                return trimmed.substring("Wake-on:".length()).strip().contains("g");
            }
        }
        return null;
    }
}
