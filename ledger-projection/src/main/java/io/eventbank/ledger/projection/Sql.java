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

    /**
     * One statement for any number of rows, whose text is the same for every batch, so that PostgreSQL's driver and
     * server prepare it once: {@code head}, then {@code select * from unnest(?::type[], ...)} with one array per column
     * (its type from {@code types}), then {@code tail}. Each value goes in as text and PostgreSQL casts it: an
     * {@link Instant} in ISO-8601, a NUL in a text as in {@link #rows}. Answers the rows changed.
     */
    static int columns(Connection connection, String head, List<String> types, String tail, List<Object[]> rows)
            throws SQLException {
        return unnest(connection, head + " select * from ", types, tail, rows);
    }

    /**
     * The same with the statement's own text around the rows: {@code before}, then {@code unnest(?::type[], ...)},
     * then {@code after}.
     */
    static int unnest(Connection connection, String before, List<String> types, String after, List<Object[]> rows)
            throws SQLException {
        if (rows.isEmpty()) {
            return 0;
        }
        StringBuilder sql = new StringBuilder(before).append("unnest(");
        for (int column = 0; column < types.size(); column++) {
            sql.append(column == 0 ? "" : ", ").append("?::").append(types.get(column)).append("[]");
        }
        sql.append(')').append(after);
        try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            for (int column = 0; column < types.size(); column++) {
                String[] values = new String[rows.size()];
                for (int row = 0; row < values.length; row++) {
                    values[row] = asText(rows.get(row)[column]);
                }
                statement.setArray(column + 1, connection.createArrayOf("text", values));
            }
            return statement.executeUpdate();
        }
    }

    private static String asText(Object value) {
        if (value == null) {
            return null;
        }
        return withoutNul(value.toString());
    }

    /** A text as PostgreSQL can hold it: a NUL shown as the six characters {@code \u0000}. */
    private static String withoutNul(String text) {
        return text.indexOf('\u0000') >= 0 ? text.replace("\u0000", "\\u0000") : text;
    }

    private static int bind(PreparedStatement statement, int first, Object[] parameters) throws SQLException {
        int index = first;
        for (Object parameter : parameters) {
            if (parameter instanceof Instant instant) {
                statement.setObject(index++, Timestamp.from(instant));
            } else if (parameter instanceof String text) {
                statement.setString(index++, withoutNul(text));
            } else {
                statement.setObject(index++, parameter);
            }
        }
        return index;
    }
}
