package io.eventbank.infrastructure.jdbc;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A statement that writes a batch of rows in one go, whatever their number, each row a record: its components are the
 * columns. The rows go to PostgreSQL as one array per column, taken apart by {@code unnest}, so the statement's text
 * is the same for every batch, and the driver and the server prepare and plan it once (a statement of
 * {@code values (..), (..)} is a new text for every number of rows, planned afresh each time, and runs out of
 * parameters at 65,535).
 *
 * <p>The statement names the rows {@value #ROWS}: it becomes {@code unnest(?::int[], ?::text[], ...) as v (generation,
 * event_id, ...)}, a relation {@code v} whose columns are the record's components in snake case
 * ({@code transferId}: {@code transfer_id}). {@value #NUMBERED_ROWS} is the same with one more column, {@code n},
 * each row's place in the batch (from 1). A component's SQL type follows its Java type: {@code String} and enums
 * {@code text}, {@code int} {@code int}, {@code long} {@code bigint}, {@code boolean} {@code boolean}, {@link Instant}
 * {@code timestamptz}; null is SQL's null. PostgreSQL's text cannot hold NUL: a text keeps every other character and
 * shows a NUL as the six characters {@code \u0000}, so that an event that carries one (an older service accepted it)
 * is written, not refused.
 *
 * @param <R> the record each row is
 */
public final class BatchStatement<R extends Record> {

    static final String ROWS = "{rows}";
    static final String NUMBERED_ROWS = "{numbered rows}";

    private static final Map<Class<?>, String> SQL_TYPES = Map.of(
            String.class, "text",
            int.class, "int",
            Integer.class, "int",
            long.class, "bigint",
            Long.class, "bigint",
            boolean.class, "boolean",
            Boolean.class, "boolean",
            Instant.class, "timestamptz");

    private final String sql;
    private final List<Method> columns;

    private BatchStatement(String sql, List<Method> columns) {
        this.sql = sql;
        this.columns = columns;
    }

    /** The statement {@code statement}, its rows ({@value #ROWS} or {@value #NUMBERED_ROWS}) records of {@code row}. */
    public static <R extends Record> BatchStatement<R> of(Class<R> row, String statement) {
        RecordComponent[] components = row.getRecordComponents();
        String arrays = Arrays.stream(components).map(c -> "?::" + sqlType(row, c) + "[]")
                .collect(Collectors.joining(", ", "unnest(", ")"));
        String names = Arrays.stream(components).map(c -> snakeCase(c.getName())).collect(Collectors.joining(", "));
        String sql;
        if (statement.contains(ROWS)) {
            sql = statement.replace(ROWS, arrays + " as v (" + names + ")");
        } else if (statement.contains(NUMBERED_ROWS)) {
            sql = statement.replace(NUMBERED_ROWS, arrays + " with ordinality as v (" + names + ", n)");
        } else {
            throw new IllegalArgumentException("a batch statement names its rows " + ROWS + " or " + NUMBERED_ROWS
                    + ": " + statement);
        }
        List<Method> accessors = Arrays.stream(components).map(RecordComponent::getAccessor).toList();
        accessors.forEach(accessor -> accessor.setAccessible(true)); // a record private to the class that writes it
        return new BatchStatement<>(sql, accessors);
    }

    /** The statement as PostgreSQL gets it, the same for every batch. */
    public String sql() {
        return sql;
    }

    /** Writes the rows in one statement (none: nothing is sent); answers the rows it changed. */
    public int run(Connection connection, Collection<? extends R> rows) throws SQLException {
        if (rows.isEmpty()) {
            return 0;
        }
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int column = 0; column < columns.size(); column++) {
                String[] values = new String[rows.size()];
                int index = 0;
                for (R row : rows) {
                    values[index++] = asText(value(columns.get(column), row));
                }
                statement.setArray(column + 1, connection.createArrayOf("text", values));
            }
            return statement.executeUpdate();
        }
    }

    private static Object value(Method accessor, Record row) {
        try {
            return accessor.invoke(row);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + accessor.getName() + " of " + row, e);
        }
    }

    /** A value as PostgreSQL reads it from text: an instant in ISO-8601, an enum by its name, a NUL shown. */
    static String asText(Object value) {
        if (value == null) {
            return null;
        }
        String text = value instanceof Enum<?> constant ? constant.name() : value.toString();
        return text.indexOf('\u0000') >= 0 ? text.replace("\u0000", "\\u0000") : text;
    }

    private static String sqlType(Class<?> row, RecordComponent component) {
        Class<?> type = component.getType();
        String sqlType = type.isEnum() ? "text" : SQL_TYPES.get(type);
        if (sqlType == null) {
            throw new IllegalArgumentException(row.getSimpleName() + "." + component.getName() + " is a "
                    + type.getSimpleName() + ", which a batch statement does not write; give it a column's type");
        }
        return sqlType;
    }

    static String snakeCase(String name) {
        StringBuilder snake = new StringBuilder(name.length() + 4);
        for (char c : name.toCharArray()) {
            if (Character.isUpperCase(c)) {
                snake.append('_').append(Character.toLowerCase(c));
            } else {
                snake.append(c);
            }
        }
        return snake.toString();
    }
}
