package io.eventbank.transfer.config;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import com.github.kagkarlsson.scheduler.serializer.Serializer;
import org.axonframework.deadline.dbscheduler.DbSchedulerHumanReadableDeadlineDetails;
import org.jboss.logging.Logger;

/**
 * Converts the deadlines that an earlier release kept with Java serialization to JSON, once, before the scheduler
 * reads any: a row is read with a filter that admits nothing but the one class a deadline is and its strings (no
 * other class is ever loaded, so a row crafted to run code runs none), and written back as JSON. A row that is
 * anything else is moved to {@code quarantined_task} with the reason, loudly, and never read.
 */
public final class LegacyDeadlines {

    private static final Logger LOG = Logger.getLogger(LegacyDeadlines.class);
    /** What a deadline written the old way may hold: its class, strings, and nothing deep or large. */
    static final ObjectInputFilter ONLY_A_DEADLINE = ObjectInputFilter.Config.createFilter(
            DbSchedulerHumanReadableDeadlineDetails.class.getName() + ";java.lang.String;maxdepth=2;maxrefs=32;"
                    + "maxbytes=1048576;maxarray=0;!*");

    /** How many deadlines were converted, and how many rows were quarantined. */
    public record Converted(int converted, int quarantined) {
    }

    private record Row(String name, String instance, byte[] data) {
    }

    private LegacyDeadlines() {
    }

    public static Converted convert(DataSource dataSource, Serializer json) {
        try (Connection c = dataSource.getConnection()) {
            return convert(c, json);
        } catch (SQLException e) {
            throw new IllegalStateException("could not convert the deadlines kept with Java serialization", e);
        }
    }

    /** Converts on a connection of the caller's (Flyway's, before the migration that reads the rows as text). */
    public static Converted convert(Connection c, Serializer json) {
        try {
            List<Row> rows = new ArrayList<>();
            try (PreparedStatement query = c.prepareStatement("select task_name, task_instance, task_data"
                    + " from scheduled_tasks where substring(task_data from 1 for 2) = '\\xaced'::bytea");
                    ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    rows.add(new Row(result.getString(1), result.getString(2), result.getBytes(3)));
                }
            }
            int converted = 0;
            int quarantined = 0;
            for (Row row : rows) {
                try {
                    byte[] data = json.serialize(read(row.data()));
                    try (PreparedStatement update = c.prepareStatement("update scheduled_tasks set task_data = ?"
                            + " where task_name = ? and task_instance = ?")) {
                        update.setBytes(1, data);
                        update.setString(2, row.name());
                        update.setString(3, row.instance());
                        update.executeUpdate();
                    }
                    converted++;
                } catch (IOException | ClassNotFoundException | RuntimeException refused) {
                    quarantine(c, row, refused.toString());
                    quarantined++;
                }
            }
            if (converted + quarantined > 0) {
                LOG.infof("deadlines kept with Java serialization: %d converted to JSON, %d quarantined", converted,
                        quarantined);
            }
            return new Converted(converted, quarantined);
        } catch (SQLException e) {
            throw new IllegalStateException("could not convert the deadlines kept with Java serialization", e);
        }
    }

    /** The deadline in a row written the old way, read through the filter. */
    static DbSchedulerHumanReadableDeadlineDetails read(byte[] data) throws IOException, ClassNotFoundException {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(data))) {
            in.setObjectInputFilter(ONLY_A_DEADLINE);
            Object read = in.readObject();
            if (!(read instanceof DbSchedulerHumanReadableDeadlineDetails deadline)) {
                throw new IOException("not a deadline: " + (read == null ? "null" : read.getClass().getName()));
            }
            return deadline;
        }
    }

    /** The quarantine's table, as migration V6 makes it: here too for a conversion before V4, when it is not there yet. */
    private static final String QUARANTINE = "create table if not exists quarantined_task (task_name text not null,"
            + " task_instance text not null, task_data bytea, execution_time timestamptz, reason text not null,"
            + " quarantined_at timestamptz not null default now(), primary key (task_name, task_instance))";

    private static void quarantine(Connection c, Row row, String reason) throws SQLException {
        try (PreparedStatement create = c.prepareStatement(QUARANTINE)) {
            create.execute();
        }
        LOG.errorf("QUARANTINED: scheduled task %s/%s is no deadline this service wrote (%s); it is moved to"
                + " quarantined_task and never read", row.name(), row.instance(), reason);
        try (PreparedStatement move = c.prepareStatement("insert into quarantined_task (task_name, task_instance,"
                + " task_data, execution_time, reason) select task_name, task_instance, task_data, execution_time, ?"
                + " from scheduled_tasks where task_name = ? and task_instance = ? on conflict do nothing");
                PreparedStatement delete = c.prepareStatement("delete from scheduled_tasks where task_name = ?"
                        + " and task_instance = ?")) {
            move.setString(1, reason);
            move.setString(2, row.name());
            move.setString(3, row.instance());
            move.executeUpdate();
            delete.setString(1, row.name());
            delete.setString(2, row.instance());
            delete.executeUpdate();
        }
    }
}
