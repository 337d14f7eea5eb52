package servmon.standalone;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import servmon.dashboard.DashboardApplication;
import servmon.embedded.EmbeddedKafkaBroker;
import servmon.embedded.EmbeddedMariaDb;
import servmon.events.TopicProvisioner;
import servmon.ingestor.IngestorApplication;
import servmon.statemonitor.StateMonitorApplication;
import servmon.wol.WolApplication;

import java.nio.file.Path;
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
        // Broker and database start side by side: together they are most of the start-up time.
        CompletableFuture<EmbeddedKafkaBroker> broker = options.kafkaBootstrap() != null ? null
                : CompletableFuture.supplyAsync(() -> EmbeddedKafkaBroker.start(home.resolve("kafka"),
                        options.kafkaPort(), options.kafkaPort() == 0 ? 0 : options.kafkaPort() + 1), starter);
        CompletableFuture<EmbeddedMariaDb> database = options.jdbcUrl() != null ? null
                : CompletableFuture.supplyAsync(() -> EmbeddedMariaDb.start(home.resolve("mariadb"), 0, "servmon",
                        options.dbBufferPool()), starter);

        List<AutoCloseable> infrastructure = new ArrayList<>();
        String bootstrap = options.kafkaBootstrap();
        String url = options.jdbcUrl() == null ? null : ExternalJdbcUrl.withRequiredParameters(options.jdbcUrl());
        String user = options.jdbcUser();
        String password = options.jdbcPassword();
        EmbeddedMariaDb embedded = null;
        try {
            if (broker != null) {
                EmbeddedKafkaBroker kafka = broker.join();
                infrastructure.add(kafka);
                bootstrap = kafka.bootstrapServers();
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
        system.running.addAll(infrastructure);
        try {
            TopicProvisioner.ensureTopics(bootstrap, (short) 1);
            List<String> kafka = List.of("--spring.kafka.bootstrap-servers=" + bootstrap);
            List<String> db = List.of("--spring.datasource.url=" + url, "--spring.datasource.username=" + user,
                    "--spring.datasource.password=" + password);
            // The headless services' management ports (9181-9183, in their own files) differ from the dashboard's and
            // from each other; with --http-port 0 (tests, several systems on one machine) every port is a free one.
            List<String> management = options.httpPort() == 0 ? List.of("--server.port=0") : List.of();
            // The ingestor migrates the schema, so it goes first; the others start side by side.
            system.startService(IngestorApplication.builder(), concat(kafka, db, management));
            CompletableFuture<ConfigurableApplicationContext> monitor = CompletableFuture.supplyAsync(() ->
                    system.startService(StateMonitorApplication.builder(), concat(kafka, management, List.of(
                            "--spring.kafka.streams.state-dir=" + home.resolve("streams")))), starter);
            CompletableFuture<ConfigurableApplicationContext> wol = CompletableFuture.supplyAsync(() ->
                    system.startService(WolApplication.builder(), concat(kafka, management, wolArgs(options))),
                    starter);
            system.dashboard = system.startService(DashboardApplication.builder(), concat(kafka, db, List.of(
                    "--server.port=" + options.httpPort(),
                    // The embedded broker listens on loopback, so the Add Server page shows that address.
                    "--servmon.dashboard.agent-bootstrap=" + bootstrap)));
            system.starting.add(monitor);
            system.starting.add(wol);
            CompletableFuture.allOf(monitor, wol).join();
            if (options.localAgent()) {
                system.localAgent = LocalAgent.start(system.dashboard, bootstrap, home, options.agentInterval());
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

    private static List<String> wolArgs(StandaloneOptions options) {
        List<String> args = new ArrayList<>();
        if (!options.wolDestinations().isEmpty()) {
            args.add("--servmon.wol.destinations=" + String.join(",", options.wolDestinations()));
        }
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
