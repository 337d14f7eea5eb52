package servmon.store.schema;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.callback.BaseCallback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import servmon.embedded.EmbeddedMariaDb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A first install killed in the middle of a migration, on a real MariaDB: the migrating session stops dead inside a
 * migration's script (its connections are killed, as a {@code kill -9} of the JVM would leave them), and the next
 * start runs {@link SchemaMigration} as the ingestor and the dashboard do.
 */
class InterruptedInstallTest {

    private static final String DATABASE = "servmon";

    @TempDir
    static Path home;

    private static EmbeddedMariaDb db;

    private final List<Thread> stuck = new ArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);

    @BeforeAll
    static void startDatabase() {
        db = EmbeddedMariaDb.start(home, 0, DATABASE, "128M");
    }

    @AfterAll
    static void stopDatabase() {
        db.close();
    }

    @BeforeEach
    void emptyDatabase() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + DATABASE);
            statement.execute("CREATE DATABASE " + DATABASE + " CHARACTER SET utf8mb4");
        }
    }

    @AfterEach
    void letKilledMigrationsEnd() throws InterruptedException {
        release.countDown();
        for (Thread thread : stuck) {
            thread.join(10_000);
        }
    }

    @Test
    void a_first_start_killed_inside_its_first_migration_is_installed_again_on_the_next_start() throws Exception {
        killDuring("1", 2);
        assertThat(tables()).contains("server", "server_status").doesNotContain("app_user");
        assertThat(appliedVersions()).isEmpty();

        new SchemaMigration().migrate(flyway());

        assertThat(flyway().info().pending()).isEmpty();
        assertThat(appliedVersions()).startsWith("1", "2").hasSize(flyway().info().applied().length);
        assertThat(tables()).contains("server", "app_user", "metric_rollup_1m", "removed_server");
    }

    @Test
    void a_first_start_killed_inside_a_later_migration_is_installed_again_even_after_a_plain_retry_failed()
            throws Exception {
        killDuring("10", 1);
        assertThat(appliedVersions()).contains("9").doesNotContain("10");
        // what every start did before: Flyway alone runs V10 again and stops on the column the killed run added
        assertThatThrownBy(() -> flyway().migrate()).isInstanceOf(FlywayException.class)
                .hasStackTraceContaining("Duplicate column name 'disk_n'");

        new SchemaMigration().migrate(flyway());

        assertThat(flyway().info().pending()).isEmpty();
        assertThat(appliedVersions()).contains("10", "12");
    }

    @Test
    void a_database_holding_data_is_never_dropped_and_flyways_error_stands() throws Exception {
        killDuring("10", 1);
        execute("INSERT INTO app_user (username, password_hash, role, created_at)"
                + " VALUES ('admin', '{noop}x', 'ADMIN', NOW(3))");

        assertThatThrownBy(() -> new SchemaMigration().migrate(flyway())).isInstanceOf(FlywayException.class)
                .hasStackTraceContaining("Duplicate column name 'disk_n'");

        assertThat(count("SELECT COUNT(*) FROM app_user WHERE username = 'admin'")).isEqualTo(1);
        assertThat(tables()).contains("server", "metric_rollup_1m");
    }

    @Test
    void a_database_with_tables_that_are_not_servmons_is_left_alone() throws Exception {
        killDuring("1", 2);
        execute("CREATE TABLE someone_elses (id INT)");

        assertThatThrownBy(() -> new SchemaMigration().migrate(flyway())).isInstanceOf(FlywayException.class)
                .hasStackTraceContaining("already exists");

        assertThat(tables()).contains("someone_elses", "server");
    }

    @Test
    void a_complete_schema_is_migrated_as_flyway_would_and_nothing_is_dropped() throws Exception {
        new SchemaMigration().migrate(flyway());
        int versions = appliedVersions().size();

        assertThat(new InterruptedInstall(flyway()).clearIfFound(connect())).isEmpty();
        new SchemaMigration().migrate(flyway());

        assertThat(appliedVersions()).hasSize(versions);
    }

    /**
     * Starts Flyway on its own connections and stops it dead after {@code statements} statements of migration
     * {@code version}: its thread waits for ever and its connections are killed, so the migration neither finishes
     * nor records anything, exactly as when the JVM is killed.
     */
    private void killDuring(String version, int statements) throws Exception {
        CountDownLatch reached = new CountDownLatch(1);
        Flyway migrating = Flyway.configure()
                .dataSource(db.jdbcUrl(), db.username(), db.password())
                .callbacks(new StopAfterStatements(version, statements, reached, release))
                .load();
        Thread thread = Thread.ofPlatform().daemon().start(() -> {
            try {
                migrating.migrate();
            } catch (RuntimeException expected) {
                // its connections were killed under it: the "dead" run may fail any way once released
            }
        });
        stuck.add(thread);
        assertThat(reached.await(60, TimeUnit.SECONDS)).as("migration %s reached", version).isTrue();
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            List<Long> others = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("SELECT id FROM information_schema.processlist"
                    + " WHERE user = '" + db.username() + "' AND id <> CONNECTION_ID()")) {
                while (rows.next()) {
                    others.add(rows.getLong(1));
                }
            }
            assertThat(others).isNotEmpty();
            for (long id : others) {
                statement.execute("KILL CONNECTION " + id);
            }
        }
    }

    private static Flyway flyway() {
        return Flyway.configure().dataSource(db.jdbcUrl(), db.username(), db.password()).load();
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
    }

    private static void execute(String sql) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static long count(String sql) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }

    private static List<String> tables() throws SQLException {
        return strings("SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE()");
    }

    private static List<String> appliedVersions() throws SQLException {
        if (!tables().contains("flyway_schema_history")) {
            return List.of();
        }
        return strings("SELECT version FROM flyway_schema_history WHERE success = 1 ORDER BY installed_rank");
    }

    private static List<String> strings(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    /** Blocks the migrating thread after the given number of statements of one migration. */
    private static final class StopAfterStatements extends BaseCallback {

        private final String version;
        private final int statements;
        private final CountDownLatch reached;
        private final CountDownLatch release;
        private int seen;

        StopAfterStatements(String version, int statements, CountDownLatch reached, CountDownLatch release) {
            this.version = version;
            this.statements = statements;
            this.reached = reached;
            this.release = release;
        }

        @Override
        public boolean supports(Event event, Context context) {
            return event == Event.AFTER_EACH_MIGRATE_STATEMENT;
        }

        @Override
        public void handle(Event event, Context context) {
            if (!context.getMigrationInfo().getVersion().getVersion().equals(version) || ++seen != statements) {
                return;
            }
            reached.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("killed");
        }
    }
}
