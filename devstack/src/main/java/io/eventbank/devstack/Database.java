package io.eventbank.devstack;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;

/** A PostgreSQL database the services connect to, and the few administrative statements devstack needs. */
public record Database(JdbcUrl url, String username, String password) {

    private static final Pattern SAFE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    /** One row at most: a second log never binds, because it gets a database of its own. */
    private static final String KAFKA_LOG_TABLE = "create table if not exists public.eventbank_kafka_log ("
            + "singleton boolean primary key default true check (singleton), cluster_id text not null,"
            + " bound_at timestamptz not null default now())";

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

    /**
     * The database that keeps the state belonging to one Kafka log, named by its cluster id. The services' state
     * (event stores' publishing tokens, the ledger's offsets, the saga's inbox) only makes sense with the Kafka log
     * it was built with: with another log the ledger would skip records and the outboxes would never publish again
     * what they published before. So a database records the log it serves; this database is used when it serves
     * {@code clusterId} or nothing yet, and otherwise a database of its own for that log ({@code <name>_<id>}), which
     * leaves the other log's state as it was.
     */
    public Database forKafkaLog(String clusterId) {
        Optional<String> owner = kafkaLog();
        if (owner.isEmpty()) {
            bindTo(clusterId);
            return this;
        }
        if (owner.get().equals(clusterId)) {
            return this;
        }
        String suffix = clusterId.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]", "");
        String name = url.database();
        Database own = withName(name.substring(0, Math.min(name.length(), 50)) + "_"
                + suffix.substring(0, Math.min(suffix.length(), 12)));
        own.createIfMissing();
        Optional<String> ownOwner = own.kafkaLog();
        if (ownOwner.isEmpty()) {
            own.bindTo(clusterId);
        } else if (!ownOwner.get().equals(clusterId)) {
            throw new IllegalStateException("database " + own.url() + " serves another Kafka log ("
                    + ownOwner.get() + "); set EVENTBANK_DB_URL to a database of its own");
        }
        return own;
    }

    /** The cluster id of the Kafka log whose state this database keeps, if bound (creates the record's table). */
    public Optional<String> kafkaLog() {
        try (Connection connection = connect(url); Statement statement = connection.createStatement()) {
            statement.execute(KAFKA_LOG_TABLE);
            try (ResultSet row = statement.executeQuery("select cluster_id from public.eventbank_kafka_log")) {
                return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read which Kafka log " + url + " serves", e);
        }
    }

    private void bindTo(String clusterId) {
        try (Connection connection = connect(url);
                PreparedStatement insert = connection.prepareStatement(
                        "insert into public.eventbank_kafka_log (cluster_id) values (?) on conflict do nothing")) {
            insert.setString(1, clusterId);
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not bind " + url + " to the Kafka log " + clusterId, e);
        }
    }

    /**
     * The login role a service connects as: it owns the service's schema and everything in it, and is no superuser,
     * so a service cannot read or change another's schema. Made when missing (named after this database and the
     * schema), given a new random password at every call, and handed the objects an earlier version of the platform
     * made there as the administrator. Answers the database as that role sees it.
     */
    public Database schemaOwner(String schema) {
        String checkedSchema = checkedName(schema);
        String database = checkedName(url.database());
        String role = roleFor(database, checkedSchema);
        String newPassword = java.util.HexFormat.of().formatHex(randomBytes());
        try (Connection connection = connect(url); Statement statement = connection.createStatement()) {
            statement.execute("do $$ begin if not exists (select 1 from pg_roles where rolname = '" + role + "') then"
                    + " create role " + role + " login nosuperuser nocreatedb nocreaterole noreplication;"
                    + " end if; end $$");
            statement.execute("alter role " + role + " with login nosuperuser password '" + newPassword + "'");
            statement.execute("grant connect on database " + database + " to " + role);
            statement.execute("create schema if not exists " + checkedSchema + " authorization " + role);
            statement.execute("alter schema " + checkedSchema + " owner to " + role);
            // tables, views and free sequences first; a sequence that belongs to a table follows its table
            statement.execute("do $$ declare o record; begin"
                    + " for o in select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace"
                    + " where n.nspname = '" + checkedSchema + "' and c.relkind in ('r', 'p', 'v', 'm')"
                    + " and pg_get_userbyid(c.relowner) <> '" + role + "' loop"
                    + " execute format('alter table %I.%I owner to " + role + "', '" + checkedSchema + "', o.relname);"
                    + " end loop;"
                    + " for o in select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace"
                    + " where n.nspname = '" + checkedSchema + "' and c.relkind = 'S'"
                    + " and pg_get_userbyid(c.relowner) <> '" + role + "'"
                    + " and not exists (select 1 from pg_depend d where d.objid = c.oid and d.deptype in ('a', 'i'))"
                    + " loop execute format('alter sequence %I.%I owner to " + role + "', '" + checkedSchema
                    + "', o.relname); end loop;"
                    + " end $$");
        } catch (SQLException e) {
            throw new IllegalStateException("could not give schema " + schema + " of " + url + " its own role", e);
        }
        return new Database(url, role, newPassword);
    }

    /** The roles {@link #schemaOwner} made for this database. */
    public void dropSchemaOwners() {
        String database = checkedName(url.database());
        try (Connection connection = connect(url.withDatabase("postgres"));
                Statement statement = connection.createStatement();
                ResultSet roles = statement.executeQuery("select rolname from pg_roles where rolname like '"
                        + roleFor(database, "").replace("_", "\\_") + "%'"
                        + " and not rolsuper")) {
            List<String> names = new java.util.ArrayList<>();
            while (roles.next()) {
                names.add(roles.getString(1));
            }
            for (String name : names) {
                statement.execute("drop role if exists " + checkedName(name));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not drop the roles of " + database, e);
        }
    }

    private static final int ROLE_PREFIX_LENGTH = 40;

    private static String roleFor(String database, String schema) {
        return database.substring(0, Math.min(database.length(), ROLE_PREFIX_LENGTH)) + "_" + schema;
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[24];
        new java.security.SecureRandom().nextBytes(bytes);
        return bytes;
    }

    public void drop() {
        String name = checkedName(url.database());
        try (Connection connection = connect(url.withDatabase("postgres"));
                Statement statement = connection.createStatement()) {
            statement.execute("drop database if exists " + name + " with (force)");
        } catch (SQLException e) {
            throw new IllegalStateException("could not drop database " + name, e);
        }
        dropSchemaOwners();
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
