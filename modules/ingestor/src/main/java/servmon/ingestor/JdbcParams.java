package servmon.ingestor;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;

/** Binding the nullable numbers that reports carry. */
public final class JdbcParams {

    private JdbcParams() {
    }

    public static void setDouble(PreparedStatement ps, int index, Double value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.DOUBLE);
        } else {
            ps.setDouble(index, value);
        }
    }

    public static void setLong(PreparedStatement ps, int index, Long value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.BIGINT);
        } else {
            ps.setLong(index, value);
        }
    }
}
