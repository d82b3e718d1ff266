package io.eventbank.ledger.projection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * A statement with parameters, run on the projection's connection (a read model writes its batch's rows with a
 * {@link io.eventbank.infrastructure.jdbc.BatchStatement} a table). PostgreSQL's text cannot hold NUL: a text
 * parameter keeps every other character and shows a NUL as the six characters {@code \u0000}, so that an event that
 * carries one (an older service accepted it) is recorded, not refused.
 */
final class Sql {

    private Sql() {
    }

    static int update(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, 1, parameters);
            return statement.executeUpdate();
        }
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
