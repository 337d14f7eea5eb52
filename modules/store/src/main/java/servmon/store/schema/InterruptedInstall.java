package servmon.store.schema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.Location;
import org.flywaydb.core.api.MigrationInfoService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Finds and clears what a first install killed half-way leaves behind, so that Flyway can install the schema again.
 *
 * <p>MySQL and MariaDB cannot roll back DDL, and Flyway records a migration only after its script ran. A
 * {@code kill -9} (or a power cut) during the very first start's migrations therefore leaves some tables of a
 * migration that the schema history does not know, and every later start stops on "Table … already exists". The
 * leftovers are dropped only when that loses nothing: some migration is unapplied or failed, every table in the
 * database is one the migrations create (or Flyway's history), and none of them holds a row. A schema with data is
 * never touched; Flyway's own error then says what went wrong.
 */
final class InterruptedInstall {

    private static final Logger log = LoggerFactory.getLogger(InterruptedInstall.class);

    private static final Pattern CREATE_TABLE = Pattern.compile(
            "CREATE\\s+TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?`?(\\w+)`?", Pattern.CASE_INSENSITIVE);

    private final Flyway flyway;

    InterruptedInstall(Flyway flyway) {
        this.flyway = flyway;
    }

    /**
     * Drops the leftovers of an interrupted install, if that is what the database holds.
     *
     * @return the tables dropped, none if the database was left as it was
     */
    List<String> clearIfFound(Connection connection) throws SQLException {
        if (!unfinished(flyway.info())) {
            return List.of();
        }
        String history = flyway.getConfiguration().getTable();
        List<String> tables = tablesIn(connection);
        List<String> leftovers = tables.stream().filter(table -> !table.equalsIgnoreCase(history)).toList();
        if (leftovers.isEmpty()) {
            return List.of();
        }
        Set<String> ours = tablesTheMigrationsCreate();
        List<String> foreign = leftovers.stream().filter(table -> !ours.contains(table.toLowerCase())).toList();
        if (!foreign.isEmpty()) {
            log.info("Schema migrations are unfinished; not an interrupted install, since {} are not servmon's tables",
                    foreign);
            return List.of();
        }
        for (String table : leftovers) {
            if (holdsRows(connection, table)) {
                log.info("Schema migrations are unfinished in a database with data ({} has rows); left as it is",
                        table);
                return List.of();
            }
        }
        drop(connection, tables);
        log.warn("The schema's install was interrupted (killed or stopped during its migrations): dropped its {} empty"
                + " tables {} to install it again", tables.size(), tables);
        return tables;
    }

    /** True if some migration is waiting to be applied or has failed. */
    static boolean unfinished(MigrationInfoService info) {
        return info.pending().length > 0
                || Arrays.stream(info.all()).anyMatch(migration -> migration.getState().isFailed());
    }

    private static List<String> tablesIn(Connection connection) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE()")) {
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
        }
        return tables;
    }

    /** The tables the SQL migrations at Flyway's classpath locations create, lower-cased. */
    private Set<String> tablesTheMigrationsCreate() {
        PathMatchingResourcePatternResolver resolver =
                new PathMatchingResourcePatternResolver(flyway.getConfiguration().getClassLoader());
        Set<String> tables = new TreeSet<>();
        for (Location location : flyway.getConfiguration().getLocations()) {
            if (!location.isClassPath()) {
                continue;
            }
            try {
                for (Resource script : resolver.getResources("classpath*:" + location.getRootPath() + "/*.sql")) {
                    Matcher create = CREATE_TABLE.matcher(script.getContentAsString(StandardCharsets.UTF_8));
                    while (create.find()) {
                        tables.add(create.group(1).toLowerCase());
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the migrations at " + location, e);
            }
        }
        return tables;
    }

    private static boolean holdsRows(Connection connection, String table) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT 1 FROM `" + table + "` LIMIT 1")) {
            return rows.next();
        }
    }

    private static void drop(Connection connection, List<String> tables) throws SQLException {
        String names = String.join(", ", tables.stream().map(table -> "`" + table + "`").toList());
        try (Statement statement = connection.createStatement()) {
            // the tables reference each other; they all go, so their foreign keys need not be dropped in order
            statement.execute("SET SESSION foreign_key_checks = 0");
            try {
                statement.execute("DROP TABLE " + names);
            } finally {
                statement.execute("SET SESSION foreign_key_checks = 1");
            }
        }
    }
}
