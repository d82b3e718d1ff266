package io.eventbank.ledger.projection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/**
 * Statements with parameters, run on the projection's connection. A read model writes a whole batch with a few
 * multi-row statements ({@link #rows}): one per table, not one per record. PostgreSQL's text cannot hold NUL: a text
 * parameter keeps every other character and shows a NUL as the six characters {@code \u0000}, so that an event that
 * carries one (an older service accepted it) is applied, not refused.
 */
final class Sql {

    /** PostgreSQL takes at most 65,535 parameters in a statement; a batch of rows is split below that. */
    private static final int MAX_PARAMETERS = 30_000;

    private Sql() {
    }

    static int update(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, 1, parameters);
            return statement.executeUpdate();
        }
    }

    /**
     * One statement for many rows: {@code head} is followed by {@code (row), (row), ...} (each {@code row} the template
     * of one row's placeholders, such as {@code ?, ?::bigint}) and then {@code tail}. Rows are sent in as few
     * statements as the parameter limit allows; answers the rows changed.
     */
    static int rows(Connection connection, String head, String row, String tail, List<Object[]> rows)
            throws SQLException {
        if (rows.isEmpty()) {
            return 0;
        }
        int width = rows.get(0).length;
        int perStatement = Math.max(1, MAX_PARAMETERS / Math.max(1, width));
        int changed = 0;
        for (int from = 0; from < rows.size(); from += perStatement) {
            List<Object[]> chunk = rows.subList(from, Math.min(rows.size(), from + perStatement));
            StringBuilder sql = new StringBuilder(head.length() + chunk.size() * (row.length() + 4) + tail.length());
            sql.append(head);
            for (int i = 0; i < chunk.size(); i++) {
                sql.append(i == 0 ? "(" : ", (").append(row).append(')');
            }
            sql.append(tail);
            try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
                int index = 1;
                for (Object[] values : chunk) {
                    index = bind(statement, index, values);
                }
                changed += statement.executeUpdate();
            }
        }
        return changed;
    }

    private static int bind(PreparedStatement statement, int first, Object[] parameters) throws SQLException {
        int index = first;
        for (Object parameter : parameters) {
            if (parameter instanceof Instant instant) {
                statement.setObject(index++, Timestamp.from(instant));
            } else if (parameter instanceof String text && text.indexOf('\u0000') >= 0) {
                statement.setString(index++, text.replace("\u0000", "\\u0000"));
            } else {
                statement.setObject(index++, parameter);
            }
        }
        return index;
    }
}
