package servmon.store.policy;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * The saved versions of the power policies (V6): the newest is in force, all of them are the audit log. Rows are only
 * ever added. Plain SQL, as the other reads of the store.
 */
public final class PolicyVersions {

    /** The summary column's width: a longer summary is cut (it only describes the YAML, which is kept whole). */
    public static final int MAX_SUMMARY_CHARS = 500;

    private static final String COLUMNS = "version, yaml, changed_by, changed_at, summary";

    private static final RowMapper<PolicyVersion> ROW = (rs, n) -> new PolicyVersion(rs.getInt(1), rs.getString(2),
            rs.getString(3), rs.getObject(4, LocalDateTime.class).toInstant(ZoneOffset.UTC), rs.getString(5));

    private final JdbcClient jdbc;

    public PolicyVersions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The version in force, if any was ever saved. */
    public Optional<PolicyVersion> latest() {
        return jdbc.sql("select " + COLUMNS + " from power_policy_version order by version desc limit 1")
                .query(ROW).optional();
    }

    /** The newest {@code limit} versions, newest first. */
    public List<PolicyVersion> history(int limit) {
        return jdbc.sql("select " + COLUMNS + " from power_policy_version order by version desc limit :limit")
                .param("limit", limit).query(ROW).list();
    }

    /**
     * Saves the next version, numbered one above the newest, and returns it. Call it in a transaction with whatever
     * must happen along with the save; a concurrent save of the same number fails on the primary key
     * ({@link org.springframework.dao.DuplicateKeyException}) instead of overwriting.
     */
    public PolicyVersion append(String yaml, String changedBy, Instant changedAt, String summary) {
        int version = jdbc.sql("select coalesce(max(version), 0) + 1 from power_policy_version")
                .query(Integer.class).single();
        String shortSummary = summary.length() > MAX_SUMMARY_CHARS
                ? summary.substring(0, MAX_SUMMARY_CHARS - 1) + "…" : summary;
        // DATETIME holds UTC wall-clock time at millisecond precision; binding LocalDateTime keeps the JVM's zone out
        Instant at = changedAt.truncatedTo(ChronoUnit.MILLIS);
        jdbc.sql("insert into power_policy_version (" + COLUMNS + ") values (:version, :yaml, :by, :at, :summary)")
                .param("version", version).param("yaml", yaml).param("by", changedBy)
                .param("at", LocalDateTime.ofInstant(at, ZoneOffset.UTC)).param("summary", shortSummary)
                .update();
        return new PolicyVersion(version, yaml, changedBy, at, shortSummary);
    }
}
