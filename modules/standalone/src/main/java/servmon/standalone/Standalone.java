package servmon.standalone;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import servmon.dashboard.DashboardApplication;
import servmon.embedded.EmbeddedMariaDb;
import servmon.events.TopicProvisioner;
import servmon.ingestor.IngestorApplication;
import servmon.standalone.kafka.KafkaCredentials;
import servmon.standalone.kafka.KafkaRole;
import servmon.standalone.kafka.LockedKafka;
import servmon.statemonitor.StateMonitorApplication;
import servmon.wol.WolApplication;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Everything in one JVM: a real Kafka broker, a real MariaDB, the four services as separate Spring contexts
 * (each with its own configuration file, as in production, and each excluding the auto-configurations of the
 * others that share this classpath), and optionally an agent for this machine.
 */
public final class Standalone implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Standalone.class);

    private final List<AutoCloseable> running = new ArrayList<>();  // in start order; closed in reverse
    private final List<CompletableFuture<?>> starting = new ArrayList<>();
    private final Map<String, Integer> managementPorts = new LinkedHashMap<>();  // guarded by running
    private final String kafkaBootstrap;
    private final String jdbcUrl;
    private KafkaCredentials kafkaCredentials;  // null on an external Kafka
    private final String jdbcUser;
    private final String jdbcPassword;
    private final EmbeddedMariaDb embeddedDatabase;  // null with --jdbc-url
    private ConfigurableApplicationContext dashboard;
    private LocalAgent localAgent;

    private Standalone(String kafkaBootstrap, String jdbcUrl, String jdbcUser, String jdbcPassword,
                       EmbeddedMariaDb embeddedDatabase) {
        this.kafkaBootstrap = kafkaBootstrap;
        this.jdbcUrl = jdbcUrl;
        this.jdbcUser = jdbcUser;
        this.jdbcPassword = jdbcPassword;
        this.embeddedDatabase = embeddedDatabase;
    }

    public static Standalone start(StandaloneOptions options) {
        // Own threads, not the common pool: they inherit this thread's context class loader, which in the
        // executable jar is the one that can see the nested jars (Kafka and Spring look classes up through it).
        try (ExecutorService starter = Executors.newThreadPerTaskExecutor(Thread.ofPlatform().name("start-", 0).factory())) {
            return start(options, starter);
        }
    }

    private static Standalone start(StandaloneOptions options, ExecutorService starter) {
        long startedAt = System.nanoTime();
        Path home = options.home().toAbsolutePath();
        ownerOnly(home);
        // Broker and database start side by side: together they are most of the start-up time.
        // The embedded broker is locked: every service, the agents and any other client log in (LockedKafka).
        CompletableFuture<LockedKafka> broker = options.kafkaBootstrap() != null ? null
                : CompletableFuture.supplyAsync(() -> LockedKafka.start(home, options.kafkaPort(),
                        options.kafkaPort() == 0 ? 0 : options.kafkaPort() + 1), starter);
        CompletableFuture<EmbeddedMariaDb> database = options.jdbcUrl() != null ? null
                : CompletableFuture.supplyAsync(() -> EmbeddedMariaDb.start(home.resolve("mariadb"), 0, "servmon",
                        options.dbBufferPool()), starter);

        List<AutoCloseable> infrastructure = new ArrayList<>();
        String bootstrap = options.kafkaBootstrap();
        String url = options.jdbcUrl() == null ? null : ExternalJdbcUrl.withRequiredParameters(options.jdbcUrl());
        String user = options.jdbcUser();
        String password = options.jdbcPassword();
        KafkaCredentials credentials = null;
        EmbeddedMariaDb embedded = null;
        try {
            if (broker != null) {
                LockedKafka kafka = broker.join();
                infrastructure.add(kafka);
                bootstrap = kafka.bootstrapServers();
                credentials = kafka.credentials();
            }
            if (database != null) {
                embedded = database.join();
                infrastructure.add(embedded);
                url = embedded.jdbcUrl();
                user = embedded.username();
                password = embedded.password();
            }
        } catch (RuntimeException e) {
            closeQuietly(infrastructure);
            throw e;
        }

        Standalone system = new Standalone(bootstrap, url, user, password, embedded);
        system.kafkaCredentials = credentials;
        system.running.addAll(infrastructure);
        try {
            if (credentials == null) {
                TopicProvisioner.ensureTopics(bootstrap, (short) 1);  // the locked broker made them already
            }
            List<String> db = List.of("--spring.datasource.url=" + url, "--spring.datasource.username=" + user,
                    "--spring.datasource.password=" + password);
            // The headless services' management ports (9181-9183, in their own files) differ from the dashboard's and
            // from each other; with --http-port 0 (tests, several systems on one machine) every port is a free one.
            List<String> management = options.httpPort() == 0 ? List.of("--server.port=0") : List.of();
            // The ingestor migrates the schema, so it goes first; the others start side by side.
            system.startService(IngestorApplication.builder(), concat(system.kafkaArgs(KafkaRole.INGESTOR), db,
                    management));
            CompletableFuture<ConfigurableApplicationContext> monitor = CompletableFuture.supplyAsync(() ->
                    system.startService(StateMonitorApplication.builder(), concat(
                            system.kafkaArgs(KafkaRole.STATE_MONITOR), management, List.of(
                            "--spring.kafka.streams.state-dir=" + home.resolve("streams"),
                            // one JVM, one monitor: a standby has nowhere to run (Streams warned so per task)
                            "--spring.kafka.streams.properties.num.standby.replicas=0"))), starter);
            CompletableFuture<ConfigurableApplicationContext> wol = CompletableFuture.supplyAsync(() ->
                    system.startService(WolApplication.builder(), concat(system.kafkaArgs(KafkaRole.WOL_SERVICE),
                            management, wolArgs(options))), starter);
            system.dashboard = system.startService(DashboardApplication.builder(), concat(
                    system.kafkaArgs(KafkaRole.DASHBOARD), db, List.of(
                    "--server.port=" + options.httpPort(),
                    "--server.address=" + options.httpAddress(),  // 127.0.0.1 unless --http-address opens it
                    // The embedded broker listens on loopback, so the Add Server page shows that address.
                    "--servmon.dashboard.agent-bootstrap=" + bootstrap,
                    // and agents log in with the agents' login: the page's command names its file
                    "--servmon.dashboard.agent-kafka-config=" + (credentials == null ? ""
                            : credentials.fileOf(KafkaCredentials.userOf(KafkaRole.AGENT))))));
            system.starting.add(monitor);
            system.starting.add(wol);
            CompletableFuture.allOf(monitor, wol).join();
            if (options.localAgent()) {
                system.localAgent = LocalAgent.start(system.dashboard, bootstrap, system.agentKafkaProperties(), home,
                        options.agentInterval());
                system.running.add(system.localAgent);
            }
        } catch (RuntimeException e) {
            // let services still starting finish first, so that close() sees and stops them too
            CompletableFuture.allOf(system.starting.toArray(CompletableFuture[]::new)).exceptionally(ignored -> null).join();
            system.close();
            throw e;
        }
        log.info("servmon is up in {} ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt));
        return system;
    }

    public String kafkaBootstrap() {
        return kafkaBootstrap;
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    /** The embedded broker's logins, or null on an external Kafka. */
    public KafkaCredentials kafkaCredentials() {
        return kafkaCredentials;
    }

    /** How an agent logs in to this system's Kafka (the shared agent login); empty on an external Kafka. */
    public Map<String, String> agentKafkaProperties() {
        return kafkaCredentials == null ? Map.of() : kafkaCredentials.login(KafkaRole.AGENT).clientProperties();
    }

    /**
     * Bootstrap servers and, on the locked broker, the super user's login: for tools and benchmarks that act for the
     * whole system (an operator reading a dead-letter topic, a benchmark registering a fleet).
     */
    public Map<String, Object> adminKafkaProperties() {
        Map<String, Object> props = new LinkedHashMap<>(kafkaCredentials == null ? Map.of()
                : kafkaCredentials.adminClientProperties());
        props.put("bootstrap.servers", kafkaBootstrap);
        return props;
    }

    /** A service's Kafka arguments: where the broker is and, on the locked one, the service's own login. */
    private List<String> kafkaArgs(KafkaRole role) {
        List<String> args = new ArrayList<>(List.of("--spring.kafka.bootstrap-servers=" + kafkaBootstrap));
        if (kafkaCredentials != null) {
            args.addAll(kafkaCredentials.login(role).springArguments());
        }
        return args;
    }

    /** The database user the services log in as: with the embedded database, its servmon user. */
    public String jdbcUser() {
        return jdbcUser;
    }

    public String jdbcPassword() {
        return jdbcPassword;
    }

    /** The embedded database, or empty when servmon runs on an external one. */
    public Optional<EmbeddedMariaDb> embeddedDatabase() {
        return Optional.ofNullable(embeddedDatabase);
    }

    public int httpPort() {
        return Integer.parseInt(dashboard.getEnvironment().getProperty("local.server.port", "-1"));
    }

    /** The dashboard's beans, e.g. its server registry; for the launcher and end-to-end tests. */
    public ConfigurableApplicationContext dashboardContext() {
        return dashboard;
    }

    public LocalAgent localAgent() {
        return localAgent;
    }

    /**
     * The HTTP port of each service by application name (servmon-ingestor, …): /actuator/health and
     * /actuator/prometheus there. Each service has its own meter registry, tagged with its application name.
     */
    public Map<String, Integer> managementPorts() {
        synchronized (running) {
            return Map.copyOf(managementPorts);
        }
    }

    private ConfigurableApplicationContext startService(SpringApplicationBuilder builder, List<String> args) {
        // One shutdown hook for the whole system (ours) closes services before the broker and database they use.
        ConfigurableApplicationContext context = builder.registerShutdownHook(false)
                .properties("spring.main.banner-mode=off")
                .run(args.toArray(String[]::new));
        synchronized (running) {
            running.add(context);
            managementPorts.put(context.getEnvironment().getProperty("spring.application.name"),
                    Integer.parseInt(context.getEnvironment().getProperty("local.server.port", "-1")));
        }
        return context;
    }

    /** Where the power policies of this installation are: the wol-service reads them when it starts. */
    static final String POLICY_FILE = "policies.yml";

    private static List<String> wolArgs(StandaloneOptions options) {
        List<String> args = new ArrayList<>();
        if (!options.wolDestinations().isEmpty()) {
            args.add("--servmon.wol.destinations=" + String.join(",", options.wolDestinations()));
        }
        // the same file simulate-day reads (deploy/policies/pool.yml is an example), read again when it changes;
        // absent: no policy
        args.add("--servmon.wol.policy-file=" + options.home().toAbsolutePath().resolve(POLICY_FILE));
        return args;
    }

    @SafeVarargs
    private static List<String> concat(List<String>... parts) {
        List<String> all = new ArrayList<>();
        for (List<String> part : parts) {
            all.addAll(part);
        }
        return all;
    }

    @Override
    public void close() {
        List<AutoCloseable> toClose;
        synchronized (running) {
            toClose = new ArrayList<>(running);
            running.clear();
        }
        closeQuietly(toClose);
    }

    /**
     * The data folder holds the local agent's key, the Kafka logins and the database: only its owner may enter it,
     * whatever the umask made of it.
     */
    private static void ownerOnly(Path home) {
        try {
            Files.createDirectories(home);
            if (home.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the data folder " + home + " private", e);
        }
    }

    private static void closeQuietly(List<AutoCloseable> resources) {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                log.warn("Stopping {} failed: {}", resources.get(i).getClass().getSimpleName(), e.toString());
            }
        }
    }
}
