package servmon.agent.power;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import servmon.events.PowerSource;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Wall watts from the baseboard management controller: {@code ipmitool dcmi power reading}, run at most once per
 * report with a timeout. A run that fails or hangs gives this report to the next meter, and the BMC is left alone
 * for {@link #BACK_OFF_NANOS} so that a hung BMC does not hold up every report.
 */
final class IpmiDcmiPowerMeter implements PowerMeter {

    static final List<String> ARGUMENTS = List.of("dcmi", "power", "reading");
    static final long BACK_OFF_NANOS = TimeUnit.MINUTES.toNanos(1);
    private static final Pattern INSTANT = Pattern.compile(
            "Instantaneous power reading:\\s*(\\d+(?:\\.\\d+)?)\\s*Watts", Pattern.CASE_INSENSITIVE);
    private static final Pattern DEACTIVATED = Pattern.compile(
            "Power reading state is:\\s*deactivated", Pattern.CASE_INSENSITIVE);
    private static final Logger log = LoggerFactory.getLogger(IpmiDcmiPowerMeter.class);

    private final List<String> command;
    private final Duration timeout;
    private final LongSupplier nanoClock;
    private long quietUntilNanos;
    private boolean failing;

    private IpmiDcmiPowerMeter(List<String> command, Duration timeout, LongSupplier nanoClock) {
        this.command = command;
        this.timeout = timeout;
        this.nanoClock = nanoClock;
    }

    static PowerProbe probe(List<String> ipmitool, Duration timeout) {
        return probe(ipmitool, timeout, System::nanoTime);
    }

    /** Usable when the program is there and the BMC answers with a reading above 0 W. */
    static PowerProbe probe(List<String> ipmitool, Duration timeout, LongSupplier nanoClock) {
        Optional<Path> program = find(ipmitool.getFirst());
        if (program.isEmpty()) {
            return PowerProbe.unusable(PowerSource.BMC, ipmitool.getFirst().contains("/")
                    ? ipmitool.getFirst() + " is not an executable file"
                    : ipmitool.getFirst() + " not found on PATH, /usr/sbin or /sbin (apt install ipmitool)");
        }
        List<String> command = new ArrayList<>(ipmitool);
        command.set(0, program.get().toString());
        command.addAll(ARGUMENTS);
        IpmiDcmiPowerMeter meter = new IpmiDcmiPowerMeter(List.copyOf(command), timeout, nanoClock);
        Answer answer = meter.run();
        if (answer.watts() == null) {
            return PowerProbe.unusable(PowerSource.BMC, String.join(" ", ipmitool) + " dcmi power reading: "
                    + answer.problem());
        }
        return PowerProbe.usable(PowerSource.BMC, meter, String.join(" ", ipmitool)
                + " dcmi power reading (instantaneous, " + format(answer.watts()) + " W at start)");
    }

    @Override
    public Optional<PowerReading> read(double cpuPct) {
        long now = nanoClock.getAsLong();
        if (failing && now - quietUntilNanos < 0) {
            return Optional.empty();
        }
        Answer answer = run();
        if (answer.watts() == null) {
            quietUntilNanos = now + BACK_OFF_NANOS;
            if (!failing) {
                failing = true;
                log.warn("ipmitool dcmi power reading failed ({}): using the next power source, trying again every"
                        + " {} s", answer.problem(), TimeUnit.NANOSECONDS.toSeconds(BACK_OFF_NANOS));
            }
            return Optional.empty();
        }
        if (failing) {
            failing = false;
            log.info("The BMC answers power readings again");
        }
        return Optional.of(new PowerReading(answer.watts(), PowerSource.BMC));
    }

    /** A reading in watts, or null and why not. */
    record Answer(Double watts, String problem) {
    }

    private Answer run() {
        Process process = null;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return new Answer(null, "no answer within " + timeout.toMillis() + " ms");
            }
            // its output is a few hundred bytes, well under a pipe buffer, so reading after the exit cannot block
            String output;
            try (InputStream out = process.getInputStream()) {
                output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (process.exitValue() != 0) {
                return new Answer(null, "exit code " + process.exitValue() + ": " + firstLine(output));
            }
            return parse(output);
        } catch (IOException e) {
            return new Answer(null, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(null, "interrupted");
        } finally {
            if (process != null && process.isAlive()) {
                process.destroyForcibly();
            }
        }
    }

    static Answer parse(String output) {
        if (DEACTIVATED.matcher(output).find()) {
            return new Answer(null, "the BMC's power reading is deactivated");
        }
        Matcher m = INSTANT.matcher(output);
        if (!m.find()) {
            return new Answer(null, "no 'Instantaneous power reading' in its answer: " + firstLine(output));
        }
        double watts = Double.parseDouble(m.group(1));
        if (watts <= 0) {
            return new Answer(null, "the BMC reads 0 W (it has no power sensor)");
        }
        return new Answer(watts, null);
    }

    /** A program path as given, or found on PATH or in the sbin folders (often missing from a service's PATH). */
    private static Optional<Path> find(String program) {
        if (program.contains("/")) {
            Path path = Path.of(program);
            return Files.isRegularFile(path) && Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
        }
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        return Stream.concat(Stream.of(path.split(File.pathSeparator)), Stream.of("/usr/sbin", "/sbin"))
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, program))
                .filter(file -> Files.isRegularFile(file) && Files.isExecutable(file))
                .findFirst();
    }

    private static String firstLine(String output) {
        String stripped = output.strip();
        int end = stripped.indexOf('\n');
        String line = end < 0 ? stripped : stripped.substring(0, end);
        return line.isEmpty() ? "(no output)" : line.strip();
    }

    private static String format(double watts) {
        return watts == Math.rint(watts) ? Long.toString((long) watts) : Double.toString(watts);
    }
}
