package ai.migma.gateway;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
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

    /**
     * A {@code timestamptz} column as an instant, or null. Read as {@code OffsetDateTime}: unlike
     * {@code getTimestamp}, no conversion through the JVM's default time zone (less garbage on the cold key lookup).
     */
    public static Instant instant(ResultSet row, String column) throws SQLException {
        return instant(row, row.findColumn(column));
    }

    public static Instant instant(ResultSet row, int column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** An {@code ilike ... escape '\'} pattern matching {@code text} anywhere, its wildcards taken literally. */
    public static String containing(String text) {
        return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
