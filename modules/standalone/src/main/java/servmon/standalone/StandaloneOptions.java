package servmon.standalone;

import servmon.embedded.EmbeddedMariaDb;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How {@code ./servmon run} is set up: flags win over environment variables, which win over defaults.
 *
 * @param home          where the broker's log, the database and the local agent's key live (survives restarts)
 * @param kafkaPort     port of the embedded broker on 127.0.0.1; agents on this machine and any Kafka client use it
 * @param httpPort      dashboard port; 0 picks a free one (tests)
 * @param kafkaBootstrap an external Kafka instead of the embedded broker, or null
 * @param jdbcUrl       an external MySQL instead of the embedded MariaDB, or null
 * @param localAgent    whether to run an agent for this machine, registered under its host name
 * @param agentInterval the local agent's reporting interval
 * @param wolDestinations where magic packets go (host:port), or empty for the wol-service's default
 * @param dbBufferPool  the embedded MariaDB's InnoDB buffer pool, e.g. {@code 512M} or {@code 2G}
 * @param httpAddress   the address the dashboard listens on: 127.0.0.1 (this machine only) unless opened on purpose
 */
public record StandaloneOptions(
        Path home,
        int kafkaPort,
        int httpPort,
        String kafkaBootstrap,
        String jdbcUrl,
        String jdbcUser,
        String jdbcPassword,
        boolean localAgent,
        Duration agentInterval,
        List<String> wolDestinations,
        String dbBufferPool,
        String httpAddress) {

    static final String USAGE = """
            usage: servmon run [--home DIR] [--kafka-port N] [--http-port N] [--http-address ADDR] [--no-agent]
                               [--interval SECONDS]
                               [--kafka HOST:PORT] [--jdbc-url URL --jdbc-user U --jdbc-password P]
                               [--wol-destination HOST:PORT]... [--db-buffer-pool SIZE]
              --home DIR         data folder (default $SERVMON_HOME or ~/.servmon)
              --kafka-port N     embedded Kafka port on 127.0.0.1 (default 9092, env SERVMON_KAFKA_PORT)
              --http-port N      dashboard port (default 8080, env SERVMON_HTTP_PORT)
              --http-address A   address the dashboard listens on (default 127.0.0.1: this machine only; env
                                 SERVMON_HTTP_ADDRESS); 0.0.0.0 opens it to the network: then use TLS (deploy/README.md)
              --no-agent         do not report this machine
              --interval S       this machine's reporting interval in seconds (default 8)
              --kafka, --jdbc-*  use an external Kafka / MySQL instead of the embedded ones
              --db-buffer-pool SIZE  embedded database's buffer pool, e.g. 2G (default 512M, env
                                 SERVMON_DB_BUFFER_POOL); about 1G per 10,000 servers, see docs/database.md
            The first admin's password comes from SERVMON_ADMIN_PASSWORD; without it one is generated and printed once.
            The embedded Kafka admits logged-in clients only: the logins are in DIR/kafka-credentials (0600);
            ./servmon credentials add-waker NAME | add-agent NAME | list | remove USER manages them.""";

    public StandaloneOptions {
        wolDestinations = List.copyOf(wolDestinations);
        if (httpAddress == null || httpAddress.isBlank()) {
            throw new IllegalArgumentException("--http-address needs an address, e.g. 127.0.0.1 or 0.0.0.0");
        }
        EmbeddedMariaDb.bufferPoolBytes(dbBufferPool);  // refuse a bad size now, not when the database starts
    }

    /** The dashboard's address unless told otherwise: reachable from this machine only. */
    public static final String LOOPBACK = "127.0.0.1";

    /** Defaults for a laptop: embedded broker on 9092, dashboard on 127.0.0.1:8080, an agent for this machine. */
    public static StandaloneOptions defaults(Map<String, String> env) {
        Path home = env.containsKey("SERVMON_HOME")
                ? Path.of(env.get("SERVMON_HOME"))
                : Path.of(System.getProperty("user.home"), ".servmon");
        return new StandaloneOptions(home, intOf(env.getOrDefault("SERVMON_KAFKA_PORT", "9092"), "SERVMON_KAFKA_PORT"),
                intOf(env.getOrDefault("SERVMON_HTTP_PORT", "8080"), "SERVMON_HTTP_PORT"), null, null, "root", "",
                true, Duration.ofSeconds(8), List.of(),
                env.getOrDefault("SERVMON_DB_BUFFER_POOL", EmbeddedMariaDb.DEFAULT_BUFFER_POOL),
                env.getOrDefault("SERVMON_HTTP_ADDRESS", LOOPBACK));
    }

    public static StandaloneOptions parse(String[] args, Map<String, String> env) {
        StandaloneOptions o = defaults(env);
        List<String> wol = new ArrayList<>(o.wolDestinations);
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            switch (flag) {
                case "--no-agent" -> o = o.withLocalAgent(false);
                case "--home" -> o = o.withHome(Path.of(value(args, ++i, flag)));
                case "--kafka-port" -> o = o.withPorts(intOf(value(args, ++i, flag), flag), o.httpPort);
                case "--http-port" -> o = o.withPorts(o.kafkaPort, intOf(value(args, ++i, flag), flag));
                case "--interval" -> o = o.withAgentInterval(Duration.ofSeconds(intOf(value(args, ++i, flag), flag)));
                case "--kafka" -> o = o.withKafkaBootstrap(value(args, ++i, flag));
                case "--jdbc-url" -> o = o.withJdbc(value(args, ++i, flag), o.jdbcUser, o.jdbcPassword);
                case "--jdbc-user" -> o = o.withJdbc(o.jdbcUrl, value(args, ++i, flag), o.jdbcPassword);
                case "--jdbc-password" -> o = o.withJdbc(o.jdbcUrl, o.jdbcUser, value(args, ++i, flag));
                case "--wol-destination" -> wol.add(value(args, ++i, flag));
                case "--db-buffer-pool" -> o = o.withDbBufferPool(value(args, ++i, flag));
                case "--http-address" -> o = o.withHttpAddress(value(args, ++i, flag));
                default -> throw new IllegalArgumentException("unknown option " + flag);
            }
        }
        if (o.agentInterval.toSeconds() < 1) {
            throw new IllegalArgumentException("--interval must be at least 1 second");
        }
        return o.withWolDestinations(wol);
    }

    public StandaloneOptions withHome(Path value) {
        return new StandaloneOptions(value, kafkaPort, httpPort, kafkaBootstrap, jdbcUrl, jdbcUser, jdbcPassword,
                localAgent, agentInterval, wolDestinations, dbBufferPool, httpAddress);
    }

    public StandaloneOptions withPorts(int kafka, int http) {
        return new StandaloneOptions(home, kafka, http, kafkaBootstrap, jdbcUrl, jdbcUser, jdbcPassword, localAgent,
                agentInterval, wolDestinations, dbBufferPool, httpAddress);
    }

    public StandaloneOptions withKafkaBootstrap(String value) {
        return new StandaloneOptions(home, kafkaPort, httpPort, value, jdbcUrl, jdbcUser, jdbcPassword, localAgent,
                agentInterval, wolDestinations, dbBufferPool, httpAddress);
    }

    public StandaloneOptions withJdbc(String url, String user, String password) {
        return new StandaloneOptions(home, kafkaPort, httpPort, kafkaBootstrap, url, user, password, localAgent,
                agentInterval, wolDestinations, dbBufferPool, httpAddress);
    }

    public StandaloneOptions withLocalAgent(boolean value) {
        return new StandaloneOptions(home, kafkaPort, httpPort, kafkaBootstrap, jdbcUrl, jdbcUser, jdbcPassword, value,
                agentInterval, wolDestinations, dbBufferPool, httpAddress);
    }

    public StandaloneOptions withAgentInterval(Duration value) {
        return new StandaloneOptions(home, kafkaPort, httpPort, kafkaBootstrap, jdbcUrl, jdbcUser, jdbcPassword,
                localAgent, value, wolDestinations, dbBufferPool, httpAddress);
    }

    public StandaloneOptions withWolDestinations(List<String> value) {
        return new StandaloneOptions(home, kafkaPort, httpPort, kafkaBootstrap, jdbcUrl, jdbcUser, jdbcPassword,
                localAgent, agentInterval, value, dbBufferPool, httpAddress);
    }

    public StandaloneOptions withDbBufferPool(String value) {
        return new StandaloneOptions(home, kafkaPort, httpPort, kafkaBootstrap, jdbcUrl, jdbcUser, jdbcPassword,
                localAgent, agentInterval, wolDestinations, value, httpAddress);
    }

    public StandaloneOptions withHttpAddress(String value) {
        return new StandaloneOptions(home, kafkaPort, httpPort, kafkaBootstrap, jdbcUrl, jdbcUser, jdbcPassword,
                localAgent, agentInterval, wolDestinations, dbBufferPool, value);
    }

    /** Whether the dashboard answers this machine only. */
    public boolean httpLoopbackOnly() {
        try {
            return InetAddress.getByName(httpAddress).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;  // Tomcat will say it cannot bind there
        }
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[i];
    }

    private static int intOf(String text, String what) {
        try {
            int n = Integer.parseInt(text.trim());
            if (n < 0 || n > 65535) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be a number from 0 to 65535 (got '" + text + "')");
        }
    }
}
