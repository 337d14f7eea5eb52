package servmon.ingestor;

import org.springframework.dao.DataIntegrityViolationException;

import java.sql.DataTruncation;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Tells a database that refuses what a record holds (a data error: an out-of-range date, a value too long, a broken
 * constraint; retrying never helps) from one that is away or busy (retried until it is back), and writes a batch
 * so that the records the database refuses are set aside one by one and the others are stored, as kafka-connect-jdbc
 * does: one bad record never blocks a partition, and a good one is never dropped with it.
 */
public final class DataErrors {

    private DataErrors() {
    }

    /** Whether {@code failure} is the database refusing the data (SQLSTATE class 22 or 23), not an outage. */
    public static boolean isDataError(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof DataIntegrityViolationException || cause instanceof SQLDataException
                    || cause instanceof DataTruncation || cause instanceof SQLIntegrityConstraintViolationException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("22") || sql.getSQLState().startsWith("23"))) {
                return true;
            }
        }
        return false;
    }

    /** The innermost message, for a dead letter's reason. */
    public static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return "the database refused it: " + root.getMessage();
    }

    /** One item the database refused, by its index in the batch. */
    public record Refused(int index, RuntimeException failure) {
    }

    /**
     * Writes {@code items} with {@code write}; if the database refuses their data, writes them again one at a time
     * (every writer here is idempotent) and returns the ones it refuses. Any other failure is thrown: the caller's
     * batch is then retried whole.
     */
    public static <T> List<Refused> writeSettingAsideRefused(List<T> items, Consumer<List<T>> write) {
        try {
            write.accept(items);
            return List.of();
        } catch (RuntimeException failure) {
            if (!isDataError(failure)) {
                throw failure;
            }
            if (items.size() == 1) {
                return List.of(new Refused(0, failure));
            }
        }
        List<Refused> refused = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            try {
                write.accept(List.of(items.get(i)));
            } catch (RuntimeException failure) {
                if (!isDataError(failure)) {
                    throw failure;
                }
                refused.add(new Refused(i, failure));
            }
        }
        return refused;
    }
}
