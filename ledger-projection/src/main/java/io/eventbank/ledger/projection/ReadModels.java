package io.eventbank.ledger.projection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

/** The read models of the service and their live generations. */
@ApplicationScoped
public class ReadModels {

    private final List<ReadModel> all = List.of(new AccountsModel(), new StatementsModel(), new TransfersModel(),
            new JournalModel(), new SettlementsModel(), new AuditModel());

    public List<ReadModel> all() {
        return all;
    }

    public Optional<ReadModel> byName(String name) {
        return all.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    /**
     * The live generation of every model, read with a share lock held to the end of the caller's transaction, so that
     * a replay cannot switch a model over in the middle of a batch.
     */
    public List<ProjectionEngine.Target> liveTargets(Connection c) throws SQLException {
        List<ProjectionEngine.Target> targets = new ArrayList<>();
        try (PreparedStatement query = c.prepareStatement(
                "select name, live_generation from projection_state order by name for share");
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
