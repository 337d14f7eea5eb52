package servmon.agent;

import picocli.CommandLine;
import picocli.CommandLine.Option;
import servmon.agent.power.PowerSensors;
import servmon.agent.simulate.SimulateCommand;
import servmon.events.ServerKey;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The options of {@code run} (also the command line without a command) and of {@code status}, which shows what the
 * same options would make a run use. Checked together in {@link #config}; a bad value is a {@link UsageException}.
 */
final class RunOptions {

    /** Without a remembered key the person is enrolling: a broker that does not answer is a mistake to report. */
    static final Duration FIRST_RUN_BROKER_TIMEOUT = Duration.ofSeconds(60);

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "print this and exit")
    boolean help;

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT[,HOST:PORT]",
            defaultValue = AgentConfig.DEFAULT_BOOTSTRAP_SERVERS,
            description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE})")
    String bootstrap;

    @Option(names = "--key", paramLabel = "KEY",
            description = "server key from the dashboard's Add Server page (default: the key file, else asked once:"
                    + " at a terminal without echo, else read as one line from standard input). A key here shows"
                    + " in ps and the shell history")
    String key;

    @Option(names = "--key-file", paramLabel = "PATH",
            description = "where the accepted key is remembered, mode 0600 (default: ${DEFAULT-VALUE})")
    Path keyFile = AgentConfig.defaultKeyFile();

    @Option(names = "--kafka-config", paramLabel = "FILE",
            description = "Kafka client settings, e.g. the login to a secured broker as written by"
                    + " ./servmon credentials add-agent NAME (default: none)")
    Path kafkaConfig;

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "8s", converter = WholeSeconds.class,
            description = "reporting interval: whole seconds, at least 1, e.g. 8, 8s, 1m (default: ${DEFAULT-VALUE})")
    Duration interval;

    @Option(names = "--broker-timeout", paramLabel = "DURATION",
            converter = SimulateCommand.DurationConverter.class,
            description = "exit with code 4 when no Kafka broker has answered within this time of starting; 0 waits"
                    + " for ever (default: 60s while the key is not yet remembered, so a first run with a wrong"
                    + " --bootstrap says so; 0 once it is, since reports are kept until the broker is back)")
    Duration brokerTimeout;

    @Option(names = "--enroll-wait", paramLabel = "DURATION", defaultValue = "20s",
            converter = SimulateCommand.DurationConverter.class,
            description = "how long to wait for the server to accept the key before logging that it has not answered"
                    + " yet; reporting goes on (default: ${DEFAULT-VALUE})")
    Duration enrollWait;

    @Option(names = "--power-idle-w", paramLabel = "W",
            description = "this machine's idle power in watts, for the estimate when no sensor is readable"
                    + " (default: SPECpower model)")
    Double powerIdleW;

    @Option(names = "--power-max-w", paramLabel = "W",
            description = "this machine's full-load power in watts, for the estimate (default: SPECpower model)")
    Double powerMaxW;

    @Option(names = "--sysfs", paramLabel = "DIR", defaultValue = "/sys",
            description = "where sysfs is mounted, for the hwmon and RAPL power readers; e.g. the host's /sys"
                    + " mounted into a container (default: ${DEFAULT-VALUE})")
    Path sysfs;

    @Option(names = "--ipmitool", paramLabel = "\"CMD ARGS\"", defaultValue = "ipmitool",
            description = "the ipmitool command for the BMC's power reading; 'dcmi power reading' is appended, e.g."
                    + " \"ipmitool -I lanplus -H bmc -U ops -E\" (default: ${DEFAULT-VALUE})")
    String ipmitool;

    @Option(names = "--suspend-command", paramLabel = "\"CMD ARGS\"", defaultValue = "systemctl suspend",
            description = "run for a sleep order in suspend mode (default: ${DEFAULT-VALUE})")
    String suspendCommand;

    @Option(names = "--poweroff-command", paramLabel = "\"CMD ARGS\"", defaultValue = "systemctl poweroff",
            description = "run for a sleep order in power-off mode (default: ${DEFAULT-VALUE})")
    String poweroffCommand;

    @Option(names = "--sleep-even-if-not-armed",
            description = "obey sleep orders although no interface reports Wake-on: g (default: refuse them, the"
                    + " server could not be woken)")
    boolean sleepEvenIfNotArmed;

    @Option(names = "--relay-port", paramLabel = "PORT", defaultValue = "9",
            description = "UDP port of magic packets relayed for neighbours (default: ${DEFAULT-VALUE})")
    int relayPort;

    @Option(names = "--spool-dir", paramLabel = "DIR",
            description = "where reports wait while Kafka does not take them (default: beside the key file,"
                    + " e.g. ~/.servmon/agent.spool)")
    Path spoolDir;

    @Option(names = "--spool-max-mb", paramLabel = "MB", defaultValue = "100",
            description = "the most the spool holds on disk; when full the oldest reports are dropped and counted"
                    + " (default: ${DEFAULT-VALUE})")
    long spoolMaxMb;

    /** The agent's configuration with this key; everything but the key is checked here. */
    AgentConfig config(ServerKey serverKey) throws UsageException {
        checkBootstrap();
        requireWatts("--power-idle-w", powerIdleW);
        requireWatts("--power-max-w", powerMaxW);
        if (powerIdleW != null && powerMaxW != null && powerMaxW < powerIdleW) {
            throw new UsageException("--power-max-w (" + powerMaxW + ") must not be below --power-idle-w ("
                    + powerIdleW + ")");
        }
        if (relayPort < 1 || relayPort > 65_535) {
            throw new UsageException("--relay-port must be a UDP port, 1 to 65535 (got '" + relayPort + "')");
        }
        if (enrollWait.isZero()) {
            throw new UsageException("--enroll-wait must be at least 1s");
        }
        Map<String, String> kafka;
        try {
            kafka = kafkaConfig == null ? null : KafkaClientSettings.read(kafkaConfig);
        } catch (IOException e) {
            throw new UsageException(e.getMessage());
        }
        try {
            return new AgentConfig(bootstrap, serverKey, interval, keyFile, enrollWait, powerIdleW, powerMaxW,
                    new OrderSettings(command("--suspend-command", suspendCommand),
                            command("--poweroff-command", poweroffCommand), sleepEvenIfNotArmed, relayPort),
                    kafka, powerSensors(), new SpoolSettings(spoolDir, spoolMaxMb * 1024 * 1024));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    PowerSensors powerSensors() throws UsageException {
        return new PowerSensors(sysfs, command("--ipmitool", ipmitool), PowerSensors.DEFAULT_IPMI_TIMEOUT);
    }

    /** --broker-timeout as given, else the default for a first run or a run with a remembered key. */
    Duration brokerTimeout(boolean keyRemembered) {
        if (brokerTimeout != null) {
            return brokerTimeout;
        }
        return keyRemembered ? Duration.ZERO : FIRST_RUN_BROKER_TIMEOUT;
    }

    void checkBootstrap() throws UsageException {
        for (String server : bootstrap.split(",", -1)) {
            int colon = server.lastIndexOf(':');
            boolean valid = colon > 0 && colon < server.length() - 1;
            if (valid) {
                try {
                    int port = Integer.parseInt(server.substring(colon + 1));
                    valid = port > 0 && port < 65536;
                } catch (NumberFormatException e) {
                    valid = false;
                }
            }
            if (!valid) {
                throw new UsageException("--bootstrap wants HOST:PORT[,HOST:PORT] (got '" + bootstrap + "')");
            }
        }
    }

    private static List<String> command(String option, String line) throws UsageException {
        if (line.isBlank()) {
            throw new UsageException(option + " needs a command, e.g. \"systemctl suspend\"");
        }
        return OrderSettings.command(line);
    }

    private static void requireWatts(String option, Double watts) throws UsageException {
        if (watts != null && !(watts >= 0 && Double.isFinite(watts))) {
            throw new UsageException(option + " must be a number of watts, 0 or more (got " + watts + ")");
        }
    }

    /** A duration in whole seconds, at least one: the reporting interval. {@code 8} and {@code 8s} are the same. */
    static final class WholeSeconds implements CommandLine.ITypeConverter<Duration> {

        @Override
        public Duration convert(String value) {
            Duration duration = new SimulateCommand.DurationConverter().convert(value);
            if (duration.compareTo(Duration.ofSeconds(1)) < 0 || duration.toNanosPart() != 0) {
                throw new CommandLine.TypeConversionException(
                        "'" + value + "' is not whole seconds, at least 1 (e.g. 8, 8s, 1m)");
            }
            return duration;
        }
    }
}
