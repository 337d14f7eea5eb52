package servmon.store.schema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;

/**
 * How the services that own the schema (the ingestor and the dashboard) run Flyway: one at a time, and after
 * clearing what an interrupted first install left ({@link InterruptedInstall}), so that a {@code kill -9} during
 * the very first start never stops the next one.
 *
 * <p>The check and the migration run under one database lock: Flyway's own lock is taken only once migrating
 * begins, and a service must never drop the tables another one is creating at that moment.
 */
public final class SchemaMigration implements FlywayMigrationStrategy {

    /** How long a service waits for another one's migration; a first install takes seconds. */
    private static final Duration LOCK_WAIT = Duration.ofMinutes(10);

    @Override
    public void migrate(Flyway flyway) {
        DataSource dataSource = flyway.getConfiguration().getDataSource();
        try (Connection connection = dataSource.getConnection()) {
            String lock = "servmon-schema:" + database(connection);
            acquire(connection, lock);
            try {
                new InterruptedInstall(flyway).clearIfFound(connection);
                flyway.migrate();
            } finally {
                release(connection, lock);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot prepare the schema migration: " + e.getMessage(), e);
        }
    }

    private static String database(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT DATABASE()");
             ResultSet row = select.executeQuery()) {
            row.next();
            return row.getString(1);
        }
    }

    private static void acquire(Connection connection, String lock) throws SQLException {
        try (PreparedStatement getLock = connection.prepareStatement("SELECT GET_LOCK(?, ?)")) {
            getLock.setString(1, lock);
            getLock.setLong(2, LOCK_WAIT.toSeconds());
            try (ResultSet row = getLock.executeQuery()) {
                row.next();
                if (row.getInt(1) != 1) {
                    throw new IllegalStateException("Another servmon service held the schema lock '" + lock
                            + "' for " + LOCK_WAIT.toMinutes() + " minutes; its migration may be stuck");
                }
            }
        }
    }

    private static void release(Connection connection, String lock) throws SQLException {
        try (PreparedStatement releaseLock = connection.prepareStatement("SELECT RELEASE_LOCK(?)")) {
            releaseLock.setString(1, lock);
            releaseLock.executeQuery().close();
        }
    }
}
