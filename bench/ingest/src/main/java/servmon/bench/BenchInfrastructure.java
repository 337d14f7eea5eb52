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
import java.util.Comparator;
import java.util.List;
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

    /**
     * MariaDB 11.4's defaults for what EmbeddedMariaDb sets, given after its settings so that they win (the
     * database's servmon user may not change global settings at run time).
     */
    private static final List<String> STOCK_SETTINGS = List.of("--innodb-flush-log-at-trx-commit=1",
            "--innodb-flush-neighbors=1", "--innodb-io-capacity=200", "--innodb-io-capacity-max=2000",
            "--max-allowed-packet=16777216", "--innodb-buffer-pool-size=134217728", "--innodb-log-file-size=100663296");

    static BenchInfrastructure start(BenchOptions options) throws IOException, SQLException {
        Path dir = Files.createTempDirectory("servmon-bench-");
        // side by side, as Standalone starts them
        CompletableFuture<EmbeddedKafkaBroker> broker =
                CompletableFuture.supplyAsync(() -> EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0, 0));
        EmbeddedMariaDb db = EmbeddedMariaDb.start(dir.resolve("mariadb"), 0, "servmon", options.dbBufferPool(),
                options.stockDb() ? STOCK_SETTINGS : List.of());
        BenchInfrastructure infrastructure = new BenchInfrastructure(dir, broker.join(), db);
        // a benchmark stopped with Ctrl-C must not leave a gigabyte of redo log and Kafka segments in /tmp
        Runtime.getRuntime().addShutdownHook(new Thread(infrastructure::close, "bench-cleanup"));
        Flyway.configure().dataSource(db.jdbcUrl(), db.username(), db.password())
                .locations("classpath:db/migration").load().migrate();
        TopicProvisioner.ensureTopics(infrastructure.bootstrapServers(), (short) 1);
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
