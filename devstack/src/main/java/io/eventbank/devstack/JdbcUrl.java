package io.eventbank.devstack;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A PostgreSQL JDBC URL taken apart: {@code jdbc:postgresql://host:port/database?parameters}. */
public record JdbcUrl(String host, int port, String database, String parameters) {

    private static final Pattern SHAPE =
            Pattern.compile("jdbc:postgresql://([^:/?]+)(?::(\\d+))?/([^?]*)(?:\\?(.*))?");

    public static JdbcUrl parse(String url) {
        Matcher matcher = SHAPE.matcher(url);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL (jdbc:postgresql://host:port/db): " + url);
        }
        int port = matcher.group(2) == null ? 5432 : Integer.parseInt(matcher.group(2));
        return new JdbcUrl(matcher.group(1), port, matcher.group(3), matcher.group(4));
    }

    public static JdbcUrl local(int port, String database) {
        return new JdbcUrl("127.0.0.1", port, database, null);
    }

    public JdbcUrl withDatabase(String otherDatabase) {
        return new JdbcUrl(host, port, otherDatabase, parameters);
    }

    @Override
    public String toString() {
        String url = "jdbc:postgresql://" + host + ":" + port + "/" + database;
        return parameters == null || parameters.isEmpty() ? url : url + "?" + parameters;
    }
}
