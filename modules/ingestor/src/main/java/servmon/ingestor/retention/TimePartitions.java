package servmon.ingestor.retention;

import org.springframework.jdbc.core.JdbcTemplate;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The time partitions of one table partitioned {@code BY RANGE COLUMNS (time)}: a partition per day (or month), named
 * for its first day ({@code p20261201}, {@code p202612}), and a catch-all {@code pfuture} that new ones are split from.
 * The first partition made also holds every older row, since a range partition takes everything below its bound.
 */
final class TimePartitions {

    static final String CATCH_ALL = "pfuture";
    private static final DateTimeFormatter BOUND = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final JdbcTemplate jdbc;
    private final String table;
    private final ChronoUnit unit;

    TimePartitions(JdbcTemplate jdbc, String table, ChronoUnit unit) {
        if (unit != ChronoUnit.DAYS && unit != ChronoUnit.MONTHS) {
            throw new IllegalArgumentException("partitions are per day or per month, not " + unit);
        }
        this.jdbc = jdbc;
        this.table = table;
        this.unit = unit;
    }

    String table() {
        return table;
    }

    /** A partition and the exclusive upper bound of its times. */
    record Partition(String name, LocalDateTime upperBound) {
    }

    /** The partitions with a bound, oldest first (the catch-all is left out). */
    List<Partition> list() {
        return jdbc.query("""
                        SELECT PARTITION_NAME, PARTITION_DESCRIPTION FROM information_schema.PARTITIONS
                        WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? AND PARTITION_NAME <> ?
                        ORDER BY PARTITION_ORDINAL_POSITION""",
                (rs, n) -> new Partition(rs.getString(1), parseBound(rs.getString(2))), table, CATCH_ALL);
    }

    /**
     * Splits partitions off the catch-all so that every period up to and including {@code until}'s has its own.
     * Cheap while the catch-all is empty (it only ever holds rows dated beyond the last partition).
     *
     * @return the partitions made
     */
    List<String> createUpTo(LocalDate today, LocalDate until) {
        // After a pause (servmon stopped for days) the missing periods are filled one by one, so retention still
        // drops them a period at a time.
        LocalDate next = list().stream().reduce((a, b) -> b)
                .map(last -> last.upperBound().toLocalDate())
                .orElse(periodStart(today));
        List<String> made = new ArrayList<>();
        StringBuilder definitions = new StringBuilder();
        while (!next.isAfter(until)) {
            LocalDate end = next.plus(1, unit);
            String name = name(next);
            definitions.append("PARTITION ").append(name).append(" VALUES LESS THAN ('")
                    .append(end.atStartOfDay().format(BOUND)).append("'), ");
            made.add(name);
            next = end;
        }
        if (!made.isEmpty()) {
            jdbc.execute("ALTER TABLE " + table + " REORGANIZE PARTITION " + CATCH_ALL + " INTO (" + definitions
                    + "PARTITION " + CATCH_ALL + " VALUES LESS THAN (MAXVALUE))");
        }
        return made;
    }

    /**
     * Drops the partitions whose every row is older than {@code cutoff}: retention without a single row delete, so
     * it neither bloats the undo log nor holds locks that ingest would wait on.
     *
     * @return the partitions dropped
     */
    List<String> dropOlderThan(LocalDateTime cutoff) {
        List<String> expired = list().stream().filter(p -> !p.upperBound().isAfter(cutoff))
                .map(Partition::name).toList();
        if (!expired.isEmpty()) {
            jdbc.execute("ALTER TABLE " + table + " DROP PARTITION " + String.join(", ", expired));
        }
        return expired;
    }

    /** The day {@code periods} days (months) after {@code today}. */
    LocalDate ahead(LocalDate today, long periods) {
        return today.plus(periods, unit);
    }

    private LocalDate periodStart(LocalDate day) {
        return unit == ChronoUnit.MONTHS ? day.withDayOfMonth(1) : day;
    }

    private String name(LocalDate start) {
        return "p" + start.format(DateTimeFormatter.ofPattern(unit == ChronoUnit.MONTHS ? "yyyyMM" : "yyyyMMdd"));
    }

    /** information_schema gives RANGE COLUMNS bounds quoted: {@code '2026-12-02 00:00:00'}. */
    private static LocalDateTime parseBound(String description) {
        String bare = Optional.ofNullable(description).orElse("").replace("'", "").trim();
        if (bare.length() == 10) {
            return LocalDate.parse(bare).atStartOfDay();
        }
        return LocalDateTime.parse(bare.substring(0, 19), BOUND);
    }
}
