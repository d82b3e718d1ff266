package io.eventbank.ledger.projection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * A statement with parameters, run on the projection's connection. PostgreSQL's text cannot hold NUL: a text
 * parameter keeps every other character and shows a NUL as the six characters {@code \u0000}, so that an event that
 * carries one (an older service accepted it) is applied, not refused.
 */
final class Sql {

    private Sql() {
    }

    static int update(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                Object parameter = parameters[i];
                if (parameter instanceof Instant instant) {
                    statement.setObject(i + 1, Timestamp.from(instant));
                } else if (parameter instanceof String text && text.indexOf('\u0000') >= 0) {
                    statement.setString(i + 1, text.replace("\u0000", "\\u0000"));
                } else {
                    statement.setObject(i + 1, parameter);
                }
            }
            return statement.executeUpdate();
        }
    }
}
