package io.eventbank.ledger.projection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import java.util.Comparator;
import java.util.HashSet;
import java.util.Set;

import javax.sql.DataSource;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.arc.All;
import org.jboss.logging.Logger;

/**
 * The read models of the service and their live generations. A read model is a CDI bean implementing
 * {@link ReadModel}: found here, in name order, and nothing else to register. At start every model gets its row in
 * {@code projection_state} (generation 1 when it is new, so it is built from the beginning of its topics), and the
 * service refuses to start when a model's name is taken twice or a table it names is missing or has no
 * {@code generation} column (which replays need).
 */
@ApplicationScoped
public class ReadModels {

    private static final Logger LOG = Logger.getLogger(ReadModels.class);
    /** The advisory lock of the switch-over ({@link #lockSwitchOver}): "evbkswit" in ASCII. */
    private static final long SWITCH_OVER_LOCK = 0x6576_626b_7377_6974L;

    @Inject
    @All
    List<ReadModel> discovered;

    @Inject
    DataSource dataSource;

    private List<ReadModel> all;

    @PostConstruct
    void register() {
        List<ReadModel> models = discovered.stream().sorted(Comparator.comparing(ReadModel::name)).toList();
        Set<String> names = new HashSet<>();
        for (ReadModel model : models) {
            if (!names.add(model.name())) {
                throw new IllegalStateException("two read models are named " + model.name());
            }
        }
        try (Connection c = dataSource.getConnection()) {
            for (ReadModel model : models) {
                for (String table : model.tables()) {
                    requireGenerationsIn(c, model, table);
                }
                try (PreparedStatement insert = c.prepareStatement("insert into projection_state (name,"
                        + " live_generation) values (?, 1) on conflict (name) do nothing")) {
                    insert.setString(1, model.name());
                    if (insert.executeUpdate() == 1) {
                        LOG.infof("read model %s is new: it is built from the beginning of %s", model.name(),
                                model.topics());
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not register the read models", e);
        }
        all = models;
    }

    private static void requireGenerationsIn(Connection c, ReadModel model, String table) throws SQLException {
        try (PreparedStatement query = c.prepareStatement("select 1 from information_schema.columns"
                + " where table_schema = current_schema() and table_name = ? and column_name = 'generation'")) {
            query.setString(1, table);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    throw new IllegalStateException("read model " + model.name() + " names table " + table
                            + ", which has no generation column or does not exist: add it in a migration"
                            + " (src/main/resources/db/migration)");
                }
            }
        }
    }

    public List<ReadModel> all() {
        return all;
    }

    public Optional<ReadModel> byName(String name) {
        return all.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    /**
     * The live generation of every model, read under the switch-over lock held shared to the end of the caller's
     * transaction ({@link #lockSwitchOver}), so that a replay cannot switch a model over in the middle of a batch.
     */
    public List<ProjectionEngine.Target> liveTargets(Connection c) throws SQLException {
        lockSwitchOver(c, false);
        List<ProjectionEngine.Target> targets = new ArrayList<>();
        try (PreparedStatement query = c.prepareStatement(
                "select name, live_generation from projection_state order by name");
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                String name = rows.getString(1);
                int generation = rows.getInt(2);
                byName(name).ifPresent(model -> targets.add(new ProjectionEngine.Target(model, generation)));
            }
        }
        return targets;
    }

    /**
     * Takes the lock that keeps a replay's switch-over and the live batches apart, to the end of the transaction:
     * shared by every live batch, exclusive for a switch-over, which then waits for the batches under way and holds
     * back the next ones. It is an advisory lock, not a row lock on {@code projection_state}: it writes nothing (a
     * row lock writes the row, and its WAL, in every batch) and does not hold up a replay's progress updates of
     * those rows. Taken before the live generations are read, so a batch reads them as the last switch-over left
     * them.
     */
    public static void lockSwitchOver(Connection c, boolean exclusive) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement(exclusive ? "select pg_advisory_xact_lock(?)"
                : "select pg_advisory_xact_lock_shared(?)")) {
            lock.setLong(1, SWITCH_OVER_LOCK);
            lock.execute();
        }
    }

    /**
     * Where to read a partition from for these targets: the lowest next offset any of them that reads the topic has
     * stored (0, the beginning, for one that has none).
     */
    public static long lowestNextOffset(Connection c, List<ProjectionEngine.Target> targets, String topic,
            int partition) throws SQLException {
        long lowest = Long.MAX_VALUE;
        try (PreparedStatement query = c.prepareStatement("select next_offset from applied_offset"
                + " where projection = ? and generation = ? and topic = ? and partition = ?")) {
            for (ProjectionEngine.Target target : targets) {
                if (!target.model().topics().contains(topic)) {
                    continue;
                }
                query.setString(1, target.model().name());
                query.setInt(2, target.generation());
                query.setString(3, topic);
                query.setInt(4, partition);
                try (ResultSet row = query.executeQuery()) {
                    lowest = Math.min(lowest, row.next() ? row.getLong(1) : 0);
                }
            }
        }
        return lowest == Long.MAX_VALUE ? 0 : lowest;
    }

    /** The live generation of one model (no lock). */
    public int liveGeneration(Connection c, String name) throws SQLException {
        try (PreparedStatement query = c.prepareStatement(
                "select live_generation from projection_state where name = ?")) {
            query.setString(1, name);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    throw new IllegalArgumentException("no read model " + name);
                }
                return row.getInt(1);
            }
        }
    }
}
