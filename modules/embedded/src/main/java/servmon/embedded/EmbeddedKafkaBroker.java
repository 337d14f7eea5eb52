package servmon.embedded;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A real Apache Kafka broker (KRaft, broker and controller in one node) running inside this JVM, on loopback.
 * Production classes of kafka_2.13 only: spring-kafka-test's {@code @EmbeddedKafka} does not work with Kafka 4.4.
 * Data under {@code dataDir} survives a restart.
 * <p>
 * Two modes: {@link #start} listens in plaintext with no authorizer (tests of one module); {@link #startSecured}
 * admits only authenticated clients (SASL SCRAM-SHA-256) and lets each do only what an ACL allows, as
 * {@code ./servmon run} does. There the broker itself and the administrator are one super user who logs in with
 * SASL PLAIN against a password in the broker's configuration: a KRaft controller listener cannot use SCRAM, and a
 * password that lives outside the cluster metadata works on the very first start, before any SCRAM user exists.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static EmbeddedKafkaBroker shared;

    /** SASL mechanism of the clients that have a SCRAM user. */
    public static final String SCRAM_MECHANISM = "SCRAM-SHA-256";
    /** The super user's name: the broker itself and whoever administers it. */
    public static final String ADMIN_USER = "admin";

    private final KafkaRaftServer server;
    private final String bootstrapServers;
    private final Map<String, Object> adminProperties;

    private EmbeddedKafkaBroker(KafkaRaftServer server, String bootstrapServers, Map<String, Object> adminProperties) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
        this.adminProperties = adminProperties;
    }

    /**
     * Starts a broker and waits until it answers.
     *
     * @param port           client port on 127.0.0.1, 0 for a free one
     * @param controllerPort KRaft controller port on 127.0.0.1, 0 for a free one
     */
    public static EmbeddedKafkaBroker start(Path dataDir, int port, int controllerPort) {
        return start(dataDir, port, controllerPort, null);
    }

    /**
     * Starts a broker that refuses unauthenticated clients and authorizes every request by ACL (none yet on a new
     * broker: only the super user {@value #ADMIN_USER} may do anything until ACLs are created).
     *
     * @param adminPassword the super user's password; it is written to {@code dataDir/server.properties} (0600)
     */
    public static EmbeddedKafkaBroker startSecured(Path dataDir, int port, int controllerPort, String adminPassword) {
        if (adminPassword == null || adminPassword.isBlank() || adminPassword.contains("\"")) {
            throw new IllegalArgumentException("the admin password must be non-blank and free of quotes");
        }
        return start(dataDir, port, controllerPort, adminPassword);
    }

    private static EmbeddedKafkaBroker start(Path dataDir, int port, int controllerPort, String adminPassword) {
        long startedAt = System.nanoTime();
        int clientPort = port == 0 ? FreePorts.find() : port;
        int ctrlPort = controllerPort == 0 ? FreePorts.find() : controllerPort;
        Properties props = brokerProperties(dataDir, clientPort, ctrlPort);
        if (adminPassword != null) {
            props.putAll(securityProperties(clientPort, ctrlPort, adminPassword));
            ownerOnly(dataDir);
        }
        formatStorageOnce(dataDir, props);
        KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(props, false), Time.SYSTEM);
        server.startup();
        String bootstrap = "127.0.0.1:" + clientPort;
        Map<String, Object> admin = new HashMap<>();
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        if (adminPassword != null) {
            admin.putAll(plainClientProperties(ADMIN_USER, adminPassword));
        }
        try {
            awaitReady(admin);
        } catch (RuntimeException e) {
            server.shutdown();
            server.awaitShutdown();
            throw e;
        }
        log.info("Kafka broker ready on {} in {} ms ({}; data in {})", bootstrap,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt),
                adminPassword == null ? "plaintext, no authorization" : "SASL " + SCRAM_MECHANISM + " and ACLs", dataDir);
        return new EmbeddedKafkaBroker(server, bootstrap, Map.copyOf(admin));
    }

    /** Client settings of a SCRAM user, for any Kafka client on a secured broker (bootstrap servers not included). */
    public static Map<String, String> scramClientProperties(String username, String password) {
        return Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", SCRAM_MECHANISM,
                "sasl.jaas.config", jaas("org.apache.kafka.common.security.scram.ScramLoginModule", username, password));
    }

    /** One broker per JVM on free ports in a fresh temporary folder, stopped when the JVM exits; for tests. */
    public static synchronized EmbeddedKafkaBroker shared() {
        if (shared == null) {
            try {
                shared = start(Files.createTempDirectory("servmon-kafka-"), 0, 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "kafka-shutdown"));
        }
        return shared;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Bootstrap servers and, on a secured broker, the super user's login: for an {@link Admin} that may do anything. */
    public Map<String, Object> adminProperties() {
        return adminProperties;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }

    private static Properties brokerProperties(Path dataDir, int clientPort, int ctrlPort) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        // Static voters (not a dynamic quorum): the controller's port may change between restarts of ./servmon run.
        p.put("controller.quorum.voters", "1@127.0.0.1:" + ctrlPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + clientPort + ",CONTROLLER://127.0.0.1:" + ctrlPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + clientPort);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", dataDir.resolve("data").toString());
        // A single node: every internal topic has one replica.
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "3");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        // Consumers join at once instead of waiting for more members that will never come.
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("auto.create.topics.enable", "false");
        return p;
    }

    private static Map<String, String> securityProperties(int clientPort, int ctrlPort, String adminPassword) {
        String plain = "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + ADMIN_USER
                + "\" password=\"" + adminPassword + "\" user_" + ADMIN_USER + "=\"" + adminPassword + "\";";
        Map<String, String> p = new HashMap<>();
        p.put("listeners", "CLIENT://127.0.0.1:" + clientPort + ",CONTROLLER://127.0.0.1:" + ctrlPort);
        p.put("advertised.listeners", "CLIENT://127.0.0.1:" + clientPort);
        p.put("listener.security.protocol.map", "CLIENT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT");
        p.put("inter.broker.listener.name", "CLIENT");
        // PLAIN for the super user only (its one password is in the JAAS line above), SCRAM for everybody else
        p.put("listener.name.client.sasl.enabled.mechanisms", SCRAM_MECHANISM + ",PLAIN");
        p.put("listener.name.client.plain.sasl.jaas.config", plain);
        p.put("listener.name.client.scram-sha-256.sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        p.put("listener.name.controller.sasl.enabled.mechanisms", "PLAIN");
        p.put("listener.name.controller.plain.sasl.jaas.config", plain);
        p.put("sasl.mechanism.inter.broker.protocol", "PLAIN");
        p.put("sasl.mechanism.controller.protocol", "PLAIN");
        p.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        p.put("super.users", "User:" + ADMIN_USER);
        // the default, said out loud: a resource without ACLs is closed, not open
        p.put("allow.everyone.if.no.acl.found", "false");
        return p;
    }

    /** The broker's folder 0700: its log holds every record, whatever the ACLs say. */
    private static void ownerOnly(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> plainClientProperties(String username, String password) {
        return Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", "PLAIN",
                "sasl.jaas.config", jaas("org.apache.kafka.common.security.plain.PlainLoginModule", username, password));
    }

    private static String jaas(String loginModule, String username, String password) {
        return loginModule + " required username=\"" + username + "\" password=\"" + password + "\";";
    }

    private static void formatStorageOnce(Path dataDir, Properties props) {
        try {
            Files.createDirectories(dataDir);
            Path config = dataDir.resolve("server.properties");
            // owner only: in secured mode it holds the super user's password
            Files.deleteIfExists(config);
            Files.createFile(config, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (Writer out = Files.newBufferedWriter(config)) {
                props.store(out, "written by servmon on every start");
            }
            if (Files.exists(dataDir.resolve("data").resolve("meta.properties"))) {
                return;  // formatted on an earlier start: keep its cluster id
            }
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            int rc = StorageTool.execute(new String[]{"format", "-t", Uuid.randomUuid().toString(),
                    "-c", config.toString(), "--ignore-formatted"}, new PrintStream(output, true, StandardCharsets.UTF_8));
            if (rc != 0) {
                throw new IllegalStateException("kafka storage format failed: " + output.toString(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("kafka storage format failed: " + e.getMessage(), e);
        }
    }

    private static void awaitReady(Map<String, Object> adminProperties) {
        Object bootstrap = adminProperties.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        try (Admin admin = Admin.create(adminProperties)) {
            while (true) {
                try {
                    if (!admin.describeCluster().nodes().get(2, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (Exception e) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("Kafka broker on " + bootstrap + " did not become ready", e);
                    }
                }
                Thread.sleep(200);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka", e);
        }
    }
}
