package io.eventbank.transfer.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import com.github.kagkarlsson.scheduler.serializer.JacksonSerializer;
import io.eventbank.devstack.Database;
import io.eventbank.devstack.TestStack;
import org.axonframework.deadline.dbscheduler.DbSchedulerHumanReadableDeadlineDetails;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Deadlines an earlier release kept with Java serialization, on a real PostgreSQL schema migrated as the service
 * migrates it: migrated up to V3 with pending deadlines written the old way (a saga's, a transfer's, and a row
 * crafted to run code when read), then to the latest, as an upgraded service starts.
 */
class LegacyDeadlinesTest {

    /** Set when a {@link Gadget} is read: what a crafted row would make a service do. */
    static volatile boolean gadgetRan;

    /** A class a crafted row names: reading it runs code. */
    static final class Gadget implements Serializable {
        private static final long serialVersionUID = 1L;

        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            in.defaultReadObject();
            gadgetRan = true;
        }
    }

    private final String schema = "legacy_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private final PGSimpleDataSource dataSource = dataSource();

    @AfterEach
    void drop() throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement drop = c.prepareStatement(
                "drop schema if exists " + schema + " cascade")) {
            drop.execute();
        }
    }

    @Test
    void shouldMigrateThroughV4AndKeepEveryDeadlineAsJsonWithoutReadingACraftedRow() throws Exception {
        flyway("3").migrate();
        DbSchedulerHumanReadableDeadlineDetails transfers = deadline("AggregateScopeDescriptor", "t-1");
        insert("transfer-deadline", transfers);
        insert("saga-deadline", deadline("SagaScopeDescriptor", "saga-1"));
        insert("crafted", new Gadget());

        flyway(null).migrate(); // V4 reads every row as text: before this release, it failed here

        try (Connection c = dataSource.getConnection()) {
            assertThat(instances(c, "scheduled_tasks")).containsExactly("transfer-deadline");
            assertThat(instances(c, "quarantined_task")).containsExactly("crafted");
            byte[] kept = dataOf(c, "transfer-deadline");
            assertThat(new String(kept, java.nio.charset.StandardCharsets.UTF_8)).startsWith("{")
                    .contains("AggregateScopeDescriptor");
            assertThat(new JacksonSerializer().deserialize(DbSchedulerHumanReadableDeadlineDetails.class, kept))
                    .isEqualTo(transfers);
        }
        assertThat(gadgetRan).as("a crafted row is never deserialized").isFalse();
        // at start the service converts again: nothing is left to convert
        assertThat(LegacyDeadlines.convert(dataSource, new JacksonSerializer()))
                .isEqualTo(new LegacyDeadlines.Converted(0, 0));
    }

    @Test
    void shouldConvertAtStartWhatWasWrittenTheOldWayAfterV4() throws Exception {
        flyway(null).migrate();
        DbSchedulerHumanReadableDeadlineDetails transfers = deadline("AggregateScopeDescriptor", "t-2");
        insert("late", transfers);
        insert("crafted", new Gadget());

        assertThat(LegacyDeadlines.convert(dataSource, new JacksonSerializer()))
                .isEqualTo(new LegacyDeadlines.Converted(1, 1));

        try (Connection c = dataSource.getConnection()) {
            assertThat(new JacksonSerializer().deserialize(DbSchedulerHumanReadableDeadlineDetails.class,
                    dataOf(c, "late"))).isEqualTo(transfers);
            assertThat(instances(c, "quarantined_task")).containsExactly("crafted");
        }
        assertThat(gadgetRan).isFalse();
    }

    private static DbSchedulerHumanReadableDeadlineDetails deadline(String scope, String id) {
        return new DbSchedulerHumanReadableDeadlineDetails("clearing-answer",
                "{\"type\":\"MoneyTransfer\",\"identifier\":\"" + id + "\"}",
                "org.axonframework.modelling.command." + scope, "{}", "java.lang.String", null, "{}");
    }

    private Flyway flyway(String target) {
        var configuration = Flyway.configure().dataSource(dataSource).schemas(schema).defaultSchema(schema)
                .locations("classpath:db/migration")
                .callbacks(DeadlinesBeforeTheirMigration.callback()); // the service's own, as Quarkus gives it
        if (target != null) {
            configuration.target(target);
        }
        return configuration.load();
    }

    private void insert(String instance, Serializable data) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(data); // Java serialization: how every deadline was kept before
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement insert = c.prepareStatement(
                "insert into " + schema + ".scheduled_tasks (task_name, task_instance, task_data, execution_time,"
                        + " picked, version) values ('AxonDeadline', ?, ?, ?, false, 1)")) {
            insert.setString(1, instance);
            insert.setBytes(2, bytes.toByteArray());
            insert.setTimestamp(3, Timestamp.from(Instant.now().plusSeconds(3600)));
            insert.executeUpdate();
        }
    }

    private java.util.List<String> instances(Connection c, String table) throws SQLException {
        java.util.List<String> instances = new java.util.ArrayList<>();
        try (PreparedStatement query = c.prepareStatement("select task_instance from " + schema + "." + table
                + " order by task_instance"); ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                instances.add(rows.getString(1));
            }
        }
        return instances;
    }

    private byte[] dataOf(Connection c, String instance) throws SQLException {
        try (PreparedStatement query = c.prepareStatement("select task_data from " + schema
                + ".scheduled_tasks where task_instance = ?")) {
            query.setString(1, instance);
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).isTrue();
                return row.getBytes(1);
            }
        }
    }

    private PGSimpleDataSource dataSource() {
        Database database = TestStack.get().database();
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setUrl(database.url().toString());
        source.setUser(database.username());
        source.setPassword(database.password());
        source.setCurrentSchema(schema);
        return source;
    }
}
