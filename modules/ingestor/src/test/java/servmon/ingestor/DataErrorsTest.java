package servmon.ingestor;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** What the database refuses for good is told from an outage, on the real database and driver. */
class DataErrorsTest {

    @BeforeAll
    static void startIngestor() {
        RunningIngestor.context();
    }

    @Test
    void a_datetime_the_database_cannot_hold_is_a_data_error() {
        DataAccessException refused = catchThrowableOfType(DataAccessException.class, () -> RunningIngestor.jdbc()
                .update("INSERT INTO wake_event (command_id, status, server_id, packets_sent, at) VALUES (?, ?, ?, ?, ?)",
                        "poison", "SENT", 1, 0, LocalDateTime.of(10000, 1, 1, 0, 0)));

        assertThat(refused).isNotNull();
        assertThat(DataErrors.isDataError(refused)).as(refused.toString()).isTrue();
    }

    @Test
    void a_database_that_is_away_is_not_a_data_error() {
        JdbcTemplate away = new JdbcTemplate(new DriverManagerDataSource(
                "jdbc:mysql://127.0.0.1:1/servmon?connectTimeout=2000", "servmon", "x"));

        DataAccessException failure = catchThrowableOfType(DataAccessException.class,
                () -> away.queryForObject("SELECT 1", Integer.class));

        assertThat(failure).isNotNull();
        assertThat(DataErrors.isDataError(failure)).as(failure.toString()).isFalse();
    }

    @Test
    void a_batch_with_one_refused_item_is_written_one_by_one_and_only_that_one_is_set_aside() {
        List<String> stored = new ArrayList<>();
        List<DataErrors.Refused> refused = DataErrors.writeSettingAsideRefused(List.of("a", "poison", "c"), batch -> {
            if (batch.contains("poison")) {
                throw new DataAccessResourceFailureException("wrapped", new SQLDataException("out of range", "22003"));
            }
            stored.addAll(batch);
        });

        assertThat(stored).containsExactly("a", "c");
        assertThat(refused).extracting(DataErrors.Refused::index).containsExactly(1);
    }

    @Test
    void an_outage_fails_the_whole_batch_so_that_it_is_retried() {
        RuntimeException outage = new DataAccessResourceFailureException("down",
                new SQLTransientConnectionException("connection refused", "08001"));

        assertThatThrownBy(() -> DataErrors.writeSettingAsideRefused(List.of("a", "b"), batch -> {
            throw outage;
        })).isSameAs(outage);
        assertThat(DataErrors.isDataError(new SQLException("deadlock", "40001"))).isFalse();
    }
}
