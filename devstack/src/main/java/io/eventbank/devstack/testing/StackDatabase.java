package io.eventbank.devstack.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import io.eventbank.devstack.TestStack;

/**
 * Plain SQL against the test JVM's {@link TestStack} database, for tests that look behind a service's API (its event
 * store, its offsets) to check what it stored.
 */
public final class StackDatabase {

    /** Reads the rows of one query into a value. */
    @FunctionalInterface
    public interface RowReader<T> {
        T read(ResultSet rows) throws Exception;
    }

    private StackDatabase() {
    }

    public static <T> T query(String sql, RowReader<T> reader) {
        var database = TestStack.get().database();
        try (Connection connection = DriverManager.getConnection(database.url().toString(), database.username(),
                database.password()); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            return reader.read(rows);
        } catch (Exception e) {
            throw new IllegalStateException("query failed: " + sql, e);
        }
    }

    /** The first column of the first row, for counts and sums. */
    public static long queryLong(String sql) {
        return query(sql, rows -> {
            rows.next();
            return rows.getLong(1);
        });
    }
}
