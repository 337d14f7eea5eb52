package servmon.standalone.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import servmon.embedded.EmbeddedKafkaBroker;
import servmon.events.Topics;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./servmon credentials}: the locked broker's logins. Adds one for another agent group or for another system
 * that may only publish wake commands, lists them, removes added ones. A login added while {@code ./servmon run} is
 * running works at once; otherwise from its next start.
 */
@Command(name = "credentials", sortOptions = false, usageHelpAutoWidth = true, 
        description = "Logins of ./servmon run's Kafka broker, kept 0600 in <home>/" + KafkaCredentials.FOLDER + ".%n",
        subcommands = {CredentialsCommand.AddWaker.class, CredentialsCommand.AddAgent.class,
                CredentialsCommand.ListLogins.class, CredentialsCommand.Remove.class,
                CommandLine.HelpCommand.class})
public final class CredentialsCommand implements Runnable {

    private static final Duration BROKER_TIMEOUT = Duration.ofSeconds(20);

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "print this and exit")
    boolean help;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Parses and runs; returns the exit code. */
    public static int execute(PrintWriter out, PrintWriter err, Map<String, String> env, String... args) {
        CommandLine commandLine = new CommandLine(new CredentialsCommand())
                .setOut(out)
                .setErr(err)
                .setCommandName("servmon credentials")
                .setDefaultValueProvider(argument -> !(argument instanceof CommandLine.Model.OptionSpec option) ? null
                        : switch (option.longestName()) {
                            case "--home" -> env.containsKey("SERVMON_HOME") ? env.get("SERVMON_HOME")
                                    : Path.of(System.getProperty("user.home"), ".servmon").toString();
                            case "--kafka" -> "127.0.0.1:" + env.getOrDefault("SERVMON_KAFKA_PORT", "9092");
                            default -> null;
                        });
        return commandLine.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Where the logins are and which broker to change. */
    static class Target {

        @Option(names = "--home", paramLabel = "DIR",
                description = "./servmon run's data folder (default: $SERVMON_HOME or ~/.servmon: ${DEFAULT-VALUE})")
        Path home;

        @Option(names = "--kafka", paramLabel = "HOST:PORT",
                description = "the running broker (default: 127.0.0.1:$SERVMON_KAFKA_PORT: ${DEFAULT-VALUE})")
        String bootstrap;

        KafkaCredentials credentials() {
            return KafkaCredentials.open(home.resolve(KafkaCredentials.FOLDER));
        }

        /** The super user's client settings for the running broker, or null when no broker answers there. */
        Map<String, Object> runningBroker(KafkaCredentials credentials) {
            Map<String, Object> admin = new HashMap<>(credentials.adminClientProperties());
            admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            Map<String, Object> probe = new HashMap<>(admin);
            probe.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000);
            probe.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000);
            // no broker is a normal answer here: try a few times, not a dozen warnings' worth
            probe.put(AdminClientConfig.RECONNECT_BACKOFF_MS_CONFIG, 1_000);
            probe.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1_000);
            try (Admin client = Admin.create(probe)) {
                client.describeCluster().clusterId().get(5, TimeUnit.SECONDS);
                return admin;
            } catch (Exception e) {
                return null;
            }
        }
    }

    /** Adds a login of a role and prints its client settings, once. */
    abstract static class Add implements Callable<Integer> {

        @CommandLine.Mixin
        Target target = new Target();

        @Parameters(paramLabel = "NAME", description = "a short lower-case name, e.g. ci or rack-2")
        String name;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        abstract KafkaRole role();

        abstract String usage(KafkaLogin login, Path file);

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            KafkaCredentials credentials = target.credentials();
            KafkaLogin login;
            try {
                login = credentials.add(role(), name);
            } catch (IllegalArgumentException e) {
                spec.commandLine().getErr().println("servmon credentials: " + e.getMessage());
                return 2;
            }
            Map<String, Object> broker = target.runningBroker(credentials);
            if (broker != null) {
                KafkaAccess.grant(broker, List.of(login), BROKER_TIMEOUT);
            }
            Path file = credentials.fileOf(login.user());
            out.printf("Kafka user %s created (%s). %s%n", login.user(), login.role().name().toLowerCase(
                    Locale.ROOT), broker != null ? "It works now on " + target.bootstrap + "."
                    : "No broker answers on " + target.bootstrap + ": it works from the next ./servmon run.");
            out.printf("Its client settings, shown this once (kept in %s, readable by you only):%n%n", file);
            try {
                Files.readAllLines(file).stream().filter(line -> !line.startsWith("#")).forEach(out::println);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            out.println();
            out.println(usage(login, file));
            return 0;
        }
    }

    @Command(name = "add-waker", description = "A login that may publish wake commands to "
            + "servmon.wake-commands.v1 and do nothing else: for a scheduler, CI or another system.")
    static final class AddWaker extends Add {

        @Override
        KafkaRole role() {
            return KafkaRole.WAKER;
        }

        @Override
        String usage(KafkaLogin login, Path file) {
            return "Publish wake commands (the WakeCommand of docs/events.md, keyed by the server) with any Kafka client"
                    + " and these settings, e.g.\n  kafka-console-producer.sh --bootstrap-server " + target.bootstrap
                    + " --producer.config " + file + " \\\n    --topic " + Topics.WAKE_COMMANDS.name()
                    + " --property parse.key=true --property key.separator='|'";
        }
    }

    @Command(name = "add-agent", description = "A login for a group of agents (another site, another team), so it can"
            + " be removed on its own; it may send reports and read control messages only, like the shared one.")
    static final class AddAgent extends Add {

        @Override
        KafkaRole role() {
            return KafkaRole.AGENT;
        }

        @Override
        String usage(KafkaLogin login, Path file) {
            return "Copy the file to the agents' machines (mode 0600) and start them with\n"
                    + "  ./servmon agent --bootstrap HOST:PORT --kafka-config /etc/servmon/" + file.getFileName()
                    + " --key KEY";
        }
    }

    @Command(name = "list", description = "Every login: user and role, never a password.")
    static final class ListLogins implements Callable<Integer> {

        @CommandLine.Mixin
        Target target = new Target();

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            KafkaCredentials credentials = target.credentials();
            PrintWriter out = spec.commandLine().getOut();
            out.printf("%-32s %-14s %s%n", "USER", "ROLE", "FILE");
            out.printf("%-32s %-14s %s%n", EmbeddedKafkaBroker.ADMIN_USER, "super user",
                    credentials.fileOf(EmbeddedKafkaBroker.ADMIN_USER));
            for (KafkaLogin login : credentials.logins()) {
                out.printf("%-32s %-14s %s%n", login.user(),
                        login.role().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                        credentials.fileOf(login.user()));
            }
            return 0;
        }
    }

    @Command(name = "remove", description = "Removes an added agent-… or waker-… login from the running broker"
            + " (its user and ACLs) and from the data folder.")
    static final class Remove implements Callable<Integer> {

        @CommandLine.Mixin
        Target target = new Target();

        @Parameters(paramLabel = "USER", description = "the user, as list shows it, e.g. waker-ci")
        String user;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            KafkaCredentials credentials = target.credentials();
            if (!credentials.isAdded(user)) {
                spec.commandLine().getErr().println("servmon credentials: no added agent-… or waker-… login '"
                        + user + "' (see list)");
                return 2;
            }
            Map<String, Object> broker = target.runningBroker(credentials);
            if (broker == null) {
                // the broker keeps users in its own metadata: removing only the file would leave the login working
                spec.commandLine().getErr().println("servmon credentials: no broker answers on " + target.bootstrap
                        + "; start ./servmon run (or pass --kafka) and remove the login then");
                return 1;
            }
            credentials.remove(user);
            KafkaAccess.revoke(broker, user, BROKER_TIMEOUT);
            spec.commandLine().getOut().printf("Kafka user %s removed: it can no longer log in.%n", user);
            return 0;
        }
    }
}
