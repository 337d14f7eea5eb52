package servmon.agent;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The agent's command line, parsed by hand to keep the jar small. Flags take their value as the next argument
 * or after '=' ({@code --interval 8}, {@code --interval=8}).
 *
 * @param key raw key from --key, validated later together with the key file; null when not given
 * @param kafkaConfig Kafka client settings file (--kafka-config), read later; null when not given
 */
record AgentArguments(String bootstrapServers, String key, int intervalS, Path keyFile, Double powerIdleW,
                      Double powerMaxW, int enrollWaitS, OrderSettings orders, Path kafkaConfig, boolean help) {

    static final String USAGE = """
            Usage: servmon-agent [options]
              --bootstrap HOST:PORT[,HOST:PORT]  Kafka bootstrap servers (default %s)
              --key KEY                          server key from the dashboard's Add Server page
                                                 (default: the key file, else asked for on the console)
              --key-file PATH                    where the accepted key is remembered (default %s)
              --kafka-config FILE                Kafka client settings, e.g. the login to a secured broker as
                                                 written by ./servmon credentials add-agent NAME (default: none)
              --interval SECONDS                 reporting interval, at least 1 (default %d)
              --power-idle-w W                   this machine's idle power in watts (default: SPECpower model)
              --power-max-w W                    this machine's full-load power in watts (default: SPECpower model)
              --enroll-wait SECONDS              how long to wait for the server to accept the key before
                                                 logging that it has not answered yet (default %d)
              --suspend-command "CMD ARGS"       run for a sleep order in suspend mode (default: systemctl suspend)
              --poweroff-command "CMD ARGS"      run for a sleep order in power-off mode (default: systemctl poweroff)
              --sleep-even-if-not-armed          obey sleep orders although no interface reports Wake-on: g
                                                 (default: refuse them, the server could not be woken)
              --relay-port PORT                  UDP port of magic packets relayed for neighbours (default 9)
              --help                             print this and exit
              simulate ...                       a fleet of virtual servers instead (simulate --help)
            Exit codes: 0 stopped, 2 bad arguments or no key, 3 key refused by the server.""";

    static String usage(Path defaultKeyFile) {
        return USAGE.formatted(AgentConfig.DEFAULT_BOOTSTRAP_SERVERS, defaultKeyFile,
                AgentConfig.DEFAULT_INTERVAL.toSeconds(), AgentConfig.DEFAULT_ENROLLMENT_WAIT.toSeconds());
    }

    static AgentArguments parse(String[] args, Path defaultKeyFile) throws UsageException {
        String bootstrap = AgentConfig.DEFAULT_BOOTSTRAP_SERVERS;
        String key = null;
        int interval = Math.toIntExact(AgentConfig.DEFAULT_INTERVAL.toSeconds());
        Path keyFile = defaultKeyFile;
        Double idle = null;
        Double max = null;
        int enrollWait = Math.toIntExact(AgentConfig.DEFAULT_ENROLLMENT_WAIT.toSeconds());
        OrderSettings defaults = OrderSettings.DEFAULT;
        List<String> suspend = defaults.suspendCommand();
        List<String> poweroff = defaults.poweroffCommand();
        boolean sleepEvenIfNotArmed = false;
        int relayPort = defaults.relayPort();
        Path kafkaConfig = null;
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String flag = arg;
            String value = null;
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 0) {
                flag = arg.substring(0, equals);
                value = arg.substring(equals + 1);
            }
            if (flag.equals("--help") || flag.equals("-h")) {
                help = true;
                continue;
            }
            if (flag.equals("--sleep-even-if-not-armed") && value == null) {
                sleepEvenIfNotArmed = true;
                continue;
            }
            if (!isKnown(flag)) {
                throw new UsageException("unknown option '" + flag + "'");
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new UsageException(flag + " needs a value");
                }
                value = args[++i];
            }
            switch (flag) {
                case "--bootstrap" -> bootstrap = bootstrap(value);
                case "--key" -> key = value;
                case "--key-file" -> keyFile = path(flag, value);
                case "--kafka-config" -> kafkaConfig = path(flag, value);
                case "--interval" -> interval = seconds(flag, value);
                case "--enroll-wait" -> enrollWait = seconds(flag, value);
                case "--power-idle-w" -> idle = watts(flag, value);
                case "--power-max-w" -> max = watts(flag, value);
                case "--suspend-command" -> suspend = command(flag, value);
                case "--poweroff-command" -> poweroff = command(flag, value);
                case "--relay-port" -> relayPort = port(flag, value);
                default -> throw new IllegalStateException("unhandled option " + flag);
            }
        }
        if (idle != null && max != null && max < idle) {
            throw new UsageException("--power-max-w (" + max + ") must not be below --power-idle-w (" + idle + ")");
        }
        return new AgentArguments(bootstrap, key, interval, keyFile, idle, max, enrollWait,
                new OrderSettings(suspend, poweroff, sleepEvenIfNotArmed, relayPort), kafkaConfig, help);
    }

    Duration interval() {
        return Duration.ofSeconds(intervalS);
    }

    Duration enrollWait() {
        return Duration.ofSeconds(enrollWaitS);
    }

    private static boolean isKnown(String flag) {
        return switch (flag) {
            case "--bootstrap", "--key", "--key-file", "--kafka-config", "--interval", "--enroll-wait", "--power-idle-w",
                 "--power-max-w", "--suspend-command", "--poweroff-command", "--relay-port" -> true;
            default -> false;
        };
    }

    private static String bootstrap(String value) throws UsageException {
        for (String server : value.split(",", -1)) {
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
                throw new UsageException("--bootstrap wants HOST:PORT[,HOST:PORT] (got '" + value + "')");
            }
        }
        return value;
    }

    private static Path path(String flag, String value) throws UsageException {
        if (value.isBlank()) {
            throw new UsageException(flag + " needs a file path");
        }
        try {
            return Path.of(value);
        } catch (RuntimeException e) {
            throw new UsageException(flag + " is not a valid path: " + e.getMessage());
        }
    }

    private static int seconds(String flag, String value) throws UsageException {
        try {
            int seconds = Integer.parseInt(value.strip());
            if (seconds >= 1) {
                return seconds;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(flag + " must be a whole number of seconds, at least 1 (got '" + value + "')");
    }

    private static List<String> command(String flag, String value) throws UsageException {
        if (value.isBlank()) {
            throw new UsageException(flag + " needs a command, e.g. \"systemctl suspend\"");
        }
        return OrderSettings.command(value);
    }

    private static int port(String flag, String value) throws UsageException {
        try {
            int port = Integer.parseInt(value.strip());
            if (port >= 1 && port <= 65_535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(flag + " must be a UDP port, 1 to 65535 (got '" + value + "')");
    }

    private static double watts(String flag, String value) throws UsageException {
        try {
            double watts = Double.parseDouble(value.strip());
            if (watts >= 0 && Double.isFinite(watts)) {
                return watts;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(flag + " must be a number of watts, 0 or more (got '" + value + "')");
    }
}
