package servmon.bench;

import org.flywaydb.core.Flyway;
import servmon.embedded.EmbeddedKafkaBroker;
import servmon.embedded.EmbeddedMariaDb;
import servmon.events.TopicProvisioner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * The in-process broker and the embedded MariaDB of {@code ./servmon run}, with the schema migrated and the topics
 * created, in a temporary folder that {@link #close()} deletes.
 */
final class BenchInfrastructure implements AutoCloseable {

    private final Path dir;
    private final EmbeddedKafkaBroker broker;
    private final EmbeddedMariaDb db;
    private final AtomicBoolean closed = new AtomicBoolean();

    private BenchInfrastructure(Path dir, EmbeddedKafkaBroker broker, EmbeddedMariaDb db) {
        this.dir = dir;
        this.broker = broker;
        this.db = db;
    }

    static BenchInfrastructure start(BenchOptions options) throws IOException, SQLException {
        Path dir = Files.createTempDirectory("servmon-bench-");
        // side by side, as Standalone starts them
        CompletableFuture<EmbeddedKafkaBroker> broker =
                CompletableFuture.supplyAsync(() -> EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0, 0));
        EmbeddedMariaDb db = EmbeddedMariaDb.start(dir.resolve("mariadb"), 0, "servmon", options.dbBufferPool());
        BenchInfrastructure infrastructure = new BenchInfrastructure(dir, broker.join(), db);
        // a benchmark stopped with Ctrl-C must not leave a gigabyte of redo log and Kafka segments in /tmp
        Runtime.getRuntime().addShutdownHook(new Thread(infrastructure::close, "bench-cleanup"));
        Flyway.configure().dataSource(db.jdbcUrl(), db.username(), db.password())
                .locations("classpath:db/migration").load().migrate();
        TopicProvisioner.ensureTopics(infrastructure.bootstrapServers(), (short) 1);
        if (options.stockDb()) {
            infrastructure.useStockDatabaseSettings();
        }
        return infrastructure;
    }

    String bootstrapServers() {
        return broker.bootstrapServers();
    }

    EmbeddedMariaDb db() {
        return db;
    }

    Path dir() {
        return dir;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
    }

    /** A session that may send a client-side file to LOAD DATA LOCAL INFILE. */
    Connection connectForLoadData() throws SQLException {
        return DriverManager.getConnection(db.jdbcUrl() + "&allowLoadLocalInfile=true", db.username(), db.password());
    }

    /**
     * MariaDB 11.4's defaults for what EmbeddedMariaDb sets, changed at run time (all are dynamic in 11.4; the redo
     * log shrinks at the next checkpoint). New connections see the smaller packet limit, so call before the ingestor.
     */
    private void useStockDatabaseSettings() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("SET GLOBAL innodb_flush_log_at_trx_commit = 1");
            s.execute("SET GLOBAL innodb_flush_neighbors = 1");
            s.execute("SET GLOBAL innodb_io_capacity = 200");
            s.execute("SET GLOBAL innodb_io_capacity_max = 2000");
            s.execute("SET GLOBAL max_allowed_packet = 16777216");
            s.execute("SET GLOBAL innodb_buffer_pool_size = 134217728");
            s.execute("SET GLOBAL innodb_log_file_size = 100663296");
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        db.close();
        broker.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
