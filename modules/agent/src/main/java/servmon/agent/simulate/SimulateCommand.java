package servmon.agent.simulate;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import servmon.agent.KafkaClientSettings;
import servmon.events.ServerKey;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.SocketException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code ./servmon agent simulate}: runs a simulated fleet until stopped (Ctrl-C). */
@Command(name = "simulate", sortOptions = false, usageHelpAutoWidth = true,
        description = "Runs N virtual servers in one process. Each reports like a real agent (its own key, MAC, boot"
                + " id, a CPU load following the curve, watts from the agent's power model), answers sleep orders, and"
                + " wakes again on a magic packet for its MAC sent to 127.0.0.1:<wol-port> or relayed by a peer."
                + " Point the wol-service at the fleet with servmon.wol.destinations=127.0.0.1:<wol-port>.%n",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:stopped", "1:could not start (port taken, registration failed)", "2:bad arguments"})
public final class SimulateCommand implements Callable<Integer> {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "print this and exit")
    boolean help;

    @Option(names = "--servers", paramLabel = "N",
            description = "how many virtual servers (default: as many as --keys holds)")
    Integer servers;

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "8s", converter = DurationConverter.class,
            description = "reporting interval, whole seconds (default: ${DEFAULT-VALUE})")
    Duration interval;

    @Option(names = "--register", paramLabel = "NAME-PREFIX",
            description = "register NAME-PREFIX-0001… through the dashboard's API first and save their keys")
    String registerPrefix;

    @Option(names = "--keys", paramLabel = "FILE",
            description = "registered keys, one 'key' or 'name,key' a line; with --register: where the new keys"
                    + " are saved (default NAME-PREFIX.keys)")
    Path keysFile;

    @Option(names = "--api", paramLabel = "URL", defaultValue = "http://127.0.0.1:8080",
            description = "the dashboard for --register (default: ${DEFAULT-VALUE})")
    URI api;

    @Option(names = "--user", paramLabel = "NAME", defaultValue = "admin", description = "dashboard user for --register (default: ${DEFAULT-VALUE})")
    String user;

    @Option(names = "--password-env", paramLabel = "VAR", defaultValue = "SERVMON_ADMIN_PASSWORD",
            description = "environment variable holding that user's password (default: ${DEFAULT-VALUE})")
    String passwordEnv;

    @Option(names = "--load", paramLabel = "CURVE.csv",
            description = "the day's CPU load as 'hh:mm,cpuPct' lines, joined linearly (default: a built-in office"
                    + " day); each server follows it with its own scale, phase and noise")
    Path loadCurve;

    @Option(names = "--boot-delay", paramLabel = "DURATION", defaultValue = "20s", converter = DurationConverter.class,
            description = "how long a woken server takes to report again (default: ${DEFAULT-VALUE})")
    Duration bootDelay;

    @Option(names = "--wol-port", paramLabel = "PORT", defaultValue = "9009",
            description = "UDP port on 127.0.0.1 where the fleet receives magic packets (default: ${DEFAULT-VALUE})")
    int wolPort;

    @Option(names = "--wol-disarmed-every", paramLabel = "K", defaultValue = "0",
            description = "every K-th server reports Wake-on-LAN disarmed and refuses sleep orders (default: none)")
    int wolDisarmedEvery;

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:9092",
            description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE})")
    String bootstrap;

    @Option(names = "--kafka-config", paramLabel = "FILE",
            description = "Kafka client settings, e.g. the agents' login to a secured broker as written by"
                    + " ./servmon credentials add-agent NAME (default: none)")
    Path kafkaConfig;

    @Option(names = "--stats-every", paramLabel = "DURATION", defaultValue = "30s", converter = DurationConverter.class,
            description = "how often to print the simulator's CPU, RSS and reports/s (default: ${DEFAULT-VALUE})")
    Duration statsEvery;

    @Spec
    CommandSpec spec;

    /** Parses and runs; returns the exit code. */
    public static int execute(String... args) {
        return execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = new CommandLine(new SimulateCommand())
                .setOut(out)
                .setErr(err)
                .setCommandName("servmon agent simulate")
                .setParameterExceptionHandler((e, arguments) -> {
                    e.getCommandLine().getErr().println("servmon agent simulate: " + e.getMessage());
                    e.getCommandLine().getErr().println("Try './servmon agent simulate --help'.");
                    return 2;
                });
        return commandLine.execute(args);
    }

    @Override
    public Integer call() throws Exception {
        SimulationConfig config;
        try {
            config = new SimulationConfig(bootstrap, fleet(), interval,
                    loadCurve == null ? LoadCurve.builtInDaily() : LoadCurve.read(loadCurve), bootDelay, wolPort,
                    wolDisarmedEvery, statsEvery,
                    kafkaConfig == null ? null : KafkaClientSettings.read(kafkaConfig));
        } catch (IllegalArgumentException | UsageError e) {
            spec.commandLine().getErr().println("servmon agent simulate: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            spec.commandLine().getErr().println("servmon agent simulate: " + e.getMessage());
            return 1;
        }
        SimulatedFleet fleet;
        try {
            fleet = SimulatedFleet.start(config, System.out);
        } catch (SocketException e) {
            spec.commandLine().getErr().println("servmon agent simulate: cannot listen for magic packets on 127.0.0.1:" + wolPort
                    + " (" + e.getMessage() + "); is another simulator running? Choose another --wol-port");
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            fleet.close();
            stopped.countDown();
        }, "servmon-simulate-shutdown"));
        System.out.printf("servmon agent simulate: %d servers every %d s; magic packets to 127.0.0.1:%d; Ctrl-C"
                + " stops%n", config.servers().size(), config.intervalSeconds(), fleet.wolPort());
        stopped.await();
        return 0;
    }

    /** The fleet's identities: from --keys, registered with --register, or random keys nobody registered. */
    private List<ServerIdentity> fleet() throws IOException, InterruptedException, UsageError {
        if (servers != null && servers < 1) {
            throw new UsageError("--servers must be at least 1");
        }
        if (registerPrefix != null) {
            return register();
        }
        if (keysFile != null) {
            List<ServerIdentity> known = KeysFile.read(keysFile, "sim");
            if (known.isEmpty()) {
                throw new UsageError(keysFile + " holds no key");
            }
            if (servers != null && servers > known.size()) {
                throw new UsageError(keysFile + " holds " + known.size() + " keys, fewer than --servers " + servers
                        + "; register more with --register");
            }
            return servers == null ? known : known.subList(0, servers);
        }
        if (servers == null) {
            throw new UsageError("say how many servers (--servers N) or give their keys (--keys FILE)");
        }
        // keys nobody registered: fine for a bare broker (benchmarks); an ingestor refuses them and they stop
        List<ServerIdentity> random = new ArrayList<>(servers);
        for (int i = 1; i <= servers; i++) {
            random.add(new ServerIdentity(name("sim", i), ServerKey.random()));
        }
        return random;
    }

    private List<ServerIdentity> register() throws IOException, InterruptedException, UsageError {
        if (servers == null) {
            throw new UsageError("--register needs --servers N");
        }
        if (!registerPrefix.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,40}")) {
            throw new UsageError("--register wants a short name prefix of letters, digits, '.', '_' or '-'");
        }
        Path target = keysFile != null ? keysFile : Path.of(registerPrefix + ".keys");
        if (Files.exists(target)) {
            throw new UsageError(target + " already exists: run with --keys " + target + " to reuse its servers,"
                    + " or choose another file with --keys");
        }
        String password = System.getenv(passwordEnv);
        if (password == null || password.isEmpty()) {
            throw new UsageError("--register needs the dashboard password in the environment variable "
                    + passwordEnv + " (--password-env)");
        }
        List<String> names = new ArrayList<>(servers);
        for (int i = 1; i <= servers; i++) {
            names.add(name(registerPrefix, i));
        }
        System.out.printf("Registering %d servers at %s …%n", servers, api);
        List<ServerIdentity> registered = new DashboardRegistration(api, user, password).register(names);
        KeysFile.write(target, registered);
        System.out.printf("Registered %d servers; keys saved to %s (next time: --keys %s)%n", registered.size(),
                target, target);
        return registered;
    }

    static String name(String prefix, int number) {
        return String.format(Locale.ROOT, "%s-%04d", prefix, number);
    }

    /** A command line that cannot be run; exit code 2. */
    private static final class UsageError extends Exception {
        UsageError(String message) {
            super(message);
        }
    }

    /** {@code 500ms}, {@code 20s}, {@code 2m}, {@code 1h}; a bare number is seconds. */
    public static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

        private static final Pattern FORM = Pattern.compile("(\\d+)\\s*(ms|s|m|h)?");

        @Override
        public Duration convert(String value) {
            Matcher m = FORM.matcher(value.strip().toLowerCase(Locale.ROOT));
            if (!m.matches()) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a duration (e.g. 500ms, 20s, 2m)");
            }
            long amount = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            return switch (unit) {
                case "ms" -> Duration.ofMillis(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofSeconds(amount);
            };
        }
    }
}
