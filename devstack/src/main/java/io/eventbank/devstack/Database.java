package io.eventbank.devstack;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.regex.Pattern;

/** A PostgreSQL database the services connect to, and the few administrative statements devstack needs. */
public record Database(JdbcUrl url, String username, String password) {

    private static final Pattern SAFE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    /** Whether a server answers at this URL (its {@code postgres} database), within a few seconds. */
    public boolean serverAnswers() {
        try (Connection ignored = connect(url.withDatabase("postgres"))) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /** Whether this very database accepts a connection and a query. */
    public boolean answers() {
        try (Connection connection = connect(url); Statement statement = connection.createStatement()) {
            statement.execute("select 1");
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    public void createIfMissing() {
        String name = checkedName(url.database());
        try (Connection connection = connect(url.withDatabase("postgres"));
                Statement statement = connection.createStatement()) {
            try (ResultSet found = statement.executeQuery(
                    "select 1 from pg_database where datname = '" + name + "'")) {
                if (found.next()) {
                    return;
                }
            }
            statement.execute("create database " + name);
        } catch (SQLException e) {
            if (!"42P04".equals(e.getSQLState())) { // created meanwhile by someone else
                throw new IllegalStateException("could not create database " + name + " at " + url, e);
            }
        }
    }

    public void drop() {
        String name = checkedName(url.database());
        try (Connection connection = connect(url.withDatabase("postgres"));
                Statement statement = connection.createStatement()) {
            statement.execute("drop database if exists " + name + " with (force)");
        } catch (SQLException e) {
            throw new IllegalStateException("could not drop database " + name, e);
        }
    }

    public Database withName(String otherDatabase) {
        return new Database(url.withDatabase(otherDatabase), username, password);
    }

    Connection connect(JdbcUrl target) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", username);
        if (password != null && !password.isEmpty()) {
            properties.setProperty("password", password);
        }
        properties.setProperty("connectTimeout", "3");
        properties.setProperty("loginTimeout", "5");
        return DriverManager.getConnection(target.toString(), properties);
    }

    private static String checkedName(String name) {
        if (!SAFE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("database names are lower-case letters, digits and _: " + name);
        }
        return name;
    }
}
