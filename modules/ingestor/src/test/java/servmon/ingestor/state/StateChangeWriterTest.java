package servmon.ingestor.state;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import servmon.embedded.EmbeddedMariaDb;
import servmon.events.ServerId;
import servmon.events.ServerState;
import servmon.events.ServerStateChanged;
import servmon.events.ServmonEvent;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The writer on the real schema and driver settings, over one connection, so that the session's statement counter
 * shows how many INSERTs reached the database. Its rows belong to server ids no test registers, and go after.
 */
class StateChangeWriterTest {

    private static final long FIRST_ID = 9_000_000_000L;
    private static final int SERVERS = 1_000;

    private static SingleConnectionDataSource connection;
    private static JdbcTemplate jdbc;

    @BeforeAll
    static void database() {
        EmbeddedMariaDb db = EmbeddedMariaDb.shared();
        // the schema as the ingestor migrates it (a no-op when another test's ingestor did already)
        Flyway.configure().dataSource(db.jdbcUrl(), db.username(), db.password()).load().migrate();
        connection = new SingleConnectionDataSource(db.jdbcUrl(), db.username(), db.password(), true);
        jdbc = new JdbcTemplate(connection);
    }

    @AfterAll
    static void removeRows() {
        jdbc.update("DELETE FROM server_state_change WHERE server_id >= ?", FIRST_ID);
        connection.destroy();
    }

    @Test
    void a_batch_of_many_servers_is_one_insert_and_its_replay_stores_nothing_twice() {
        Instant since = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(60);
        List<ServerStateWriter.StateRow> rows = LongStream.range(FIRST_ID, FIRST_ID + SERVERS)
                .mapToObj(id -> new ServerStateWriter.StateRow(id, new ServerStateChanged(ServmonEvent.VERSION,
                        ServerId.random(), ServerState.OFF, ServerState.ON, since, null, "boot-1", 8,
                        List.of())))
                .toList();
        StateChangeWriter writer = new StateChangeWriter(jdbc);

        long before = inserts();
        writer.write(rows);
        assertThat(inserts() - before).isEqualTo(1);

        writer.write(rows);  // redelivered
        assertThat(inserts() - before).isEqualTo(2);
        assertThat(jdbc.queryForObject("""
                SELECT COUNT(*) FROM server_state_change
                WHERE server_id >= ? AND to_state = 'OFF' AND from_state = 'ON'""", Long.class, FIRST_ID))
                .isEqualTo(SERVERS);
    }

    /** INSERT statements this session sent: a multi-row INSERT counts once. */
    private static long inserts() {
        return jdbc.queryForObject("SHOW SESSION STATUS LIKE 'Com_insert'", (rs, n) -> rs.getLong(2));
    }
}
