package ai.migma.gateway;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** Conversions the plain-JDBC reads and searches of several features share. */
public final class SqlValues {

    private SqlValues() {
    }

    /** A {@code text[]} column as a list (empty for SQL null). */
    public static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    /** A {@code timestamptz} column as an instant, or null. */
    public static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp timestamp = row.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    /** An {@code ilike ... escape '\'} pattern matching {@code text} anywhere, its wildcards taken literally. */
    public static String containing(String text) {
        return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
