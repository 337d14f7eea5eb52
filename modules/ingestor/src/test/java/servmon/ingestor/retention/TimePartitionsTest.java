package servmon.ingestor.retention;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import servmon.embedded.EmbeddedMariaDb;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs on a table of its own, partitioned as metric_sample is, so that moving the clock around disturbs nobody. */
class TimePartitionsTest {

    private static JdbcTemplate jdbc;

    @BeforeAll
    static void database() {
        EmbeddedMariaDb db = EmbeddedMariaDb.shared();
        jdbc = new JdbcTemplate(new DriverManagerDataSource(db.jdbcUrl(), db.username(), db.password()));
    }

    /**
     * Its tables go: they live in the servmon database (the only one the servmon user may use), where a leftover
     * table would make the next test's Flyway refuse a "non-empty schema without a history table".
     */
    @AfterAll
    static void dropTables() {
        jdbc.execute("DROP TABLE IF EXISTS retention_probe_days");
        jdbc.execute("DROP TABLE IF EXISTS retention_probe_months");
    }

    @Test
    void retention_drops_whole_days_that_are_due_and_nothing_newer() {
        JdbcTemplate jdbc = table("retention_probe_days");
        TimePartitions partitions = new TimePartitions(jdbc, "retention_probe_days", ChronoUnit.DAYS);
        LocalDate today = LocalDate.of(2026, 12, 1);

        // servmon first ran 12 days ago, then was off until today: the gap is filled day by day
        partitions.createUpTo(today.minusDays(12), today.minusDays(9));
        partitions.createUpTo(today, today.plusDays(3));
        assertThat(partitions.list()).hasSize(16);

        insert(jdbc, 1, today.minusDays(20).atTime(3, 0));  // older than the first partition: it holds it
        insert(jdbc, 1, today.minusDays(8).atTime(23, 59, 59));
        insert(jdbc, 1, today.minusDays(7).atTime(0, 0, 1));
        insert(jdbc, 1, today.atTime(12, 0));
        insert(jdbc, 1, today.plusDays(10).atTime(12, 0));  // beyond the last partition: the catch-all holds it

        LocalDateTime now = today.atTime(12, 0);
        List<String> dropped = partitions.dropOlderThan(now.minusDays(7));

        assertThat(dropped).contains("p20261119", "p20261123").doesNotContain("p20261124");
        assertThat(jdbc.queryForList("SELECT sampled_at FROM retention_probe_days ORDER BY sampled_at",
                LocalDateTime.class)).containsExactly(today.minusDays(7).atTime(0, 0, 1), today.atTime(12, 0),
                today.plusDays(10).atTime(12, 0));
    }

    @Test
    void making_partitions_again_changes_nothing_and_months_are_named_by_month() {
        JdbcTemplate jdbc = table("retention_probe_months");
        TimePartitions partitions = new TimePartitions(jdbc, "retention_probe_months", ChronoUnit.MONTHS);
        LocalDate today = LocalDate.of(2026, 12, 15);

        assertThat(partitions.createUpTo(today, partitions.ahead(today, 1))).containsExactly("p202612", "p202701");
        assertThat(partitions.createUpTo(today, partitions.ahead(today, 1))).isEmpty();
        assertThat(partitions.list()).extracting(TimePartitions.Partition::upperBound).containsExactly(
                LocalDateTime.of(2027, 1, 1, 0, 0), LocalDateTime.of(2027, 2, 1, 0, 0));
        assertThat(partitions.dropOlderThan(LocalDateTime.of(2026, 12, 31, 23, 0))).isEmpty();
    }

    private static JdbcTemplate table(String name) {
        jdbc.execute("DROP TABLE IF EXISTS " + name);
        jdbc.execute("CREATE TABLE " + name + " (server_id BIGINT NOT NULL, sampled_at DATETIME(3) NOT NULL,"
                + " PRIMARY KEY (server_id, sampled_at))"
                + " PARTITION BY RANGE COLUMNS (sampled_at) (PARTITION pfuture VALUES LESS THAN (MAXVALUE))");
        return jdbc;
    }

    private static void insert(JdbcTemplate jdbc, long serverId, LocalDateTime at) {
        jdbc.update("INSERT INTO retention_probe_days VALUES (?, ?)", serverId, at);
    }
}
