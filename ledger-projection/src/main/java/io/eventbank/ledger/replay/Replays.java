package io.eventbank.ledger.replay;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javax.sql.DataSource;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Inject;

import io.eventbank.infrastructure.health.HeldRecords;
import io.eventbank.infrastructure.kafka.Retrying;
import io.eventbank.infrastructure.rest.ProblemType;
import io.eventbank.ledger.projection.ParkedRecords;
import io.eventbank.ledger.projection.ProjectionEngine;
import io.eventbank.ledger.projection.ReadModel;
import io.eventbank.ledger.projection.ReadModels;
import io.quarkus.runtime.StartupEvent;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Rebuilds read models from the beginning of the topics without stopping them. A replay writes the next generation
 * of the models beside the live one, which keeps serving queries and taking new events; once the new generation has
 * applied everything the live one has, it becomes live in one transaction (which waits for the live consumer's
 * batch: each batch holds a share lock on the state rows) and the old rows are dropped. Its progress is stored with
 * its offsets, so a replay interrupted by a crash goes on after the restart. One replay runs at a time.
 */
@ApplicationScoped
public class Replays {

    private static final Logger LOG = Logger.getLogger(Replays.class);

    @Inject
    DataSource dataSource;
    @Inject
    ReadModels models;
    /** Every {@code kafka.*} setting of the service: the broker's address and the service's own sign-in. */
    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafka;
    @ConfigProperty(name = "eventbank.ledger.replay.batch-size", defaultValue = "2000") // LedgerConfig.replay()
    int batchSize;

    @Inject
    ParkedRecords parkedRecords;
    @Inject
    HeldRecords held;

    private Retrying retrying;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> new Thread(r, "replay"));
    private volatile boolean stopping;

    /** A replay's progress: events applied and remaining, rate, state. */
    public record Progress(String replayId, String status, Integer generation, Instant startedAt, Instant finishedAt,
            long applied, long remaining, double eventsPerSecond, String error) {
    }

    /** A read model's state: the generation that serves, whether a replay runs, and the last replay's progress. */
    public record State(int liveGeneration, boolean replaying, Progress replay) {
    }

    /** The state of one read model (that exists). */
    public State state(String name) {
        try (Connection c = dataSource.getConnection(); PreparedStatement query = c.prepareStatement(
                "select live_generation, replay_id, replay_status, replay_generation, replay_started_at,"
                        + " replay_finished_at, replay_applied, replay_error from projection_state where name = ?")) {
            query.setString(1, name);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                int live = row.getInt(1);
                String status = row.getString(3);
                Progress replay = null;
                if (row.getString(2) != null) {
                    Instant started = row.getTimestamp(5).toInstant();
                    Instant finished = row.getTimestamp(6) == null ? null : row.getTimestamp(6).toInstant();
                    long applied = row.getLong(7);
                    int generation = row.getInt(4);
                    double seconds = Duration.between(started, finished == null ? Instant.now() : finished)
                            .toMillis() / 1000.0;
                    long remaining = "REPLAYING".equals(status) ? remaining(c, name, live, generation) : 0;
                    replay = new Progress(row.getString(2), status, generation, started, finished, applied,
                            remaining, seconds > 0 ? Math.round(applied / seconds * 10) / 10.0 : 0,
                            row.getString(8));
                }
                return new State(live, "REPLAYING".equals(status), replay);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The records a replay has still to apply to catch up with the live generation, over all partitions. */
    private static long remaining(Connection c, String name, int live, int replayed) throws SQLException {
        try (PreparedStatement query = c.prepareStatement("select coalesce(sum(greatest(l.next_offset"
                + " - coalesce(r.next_offset, 0), 0)), 0) from applied_offset l left join applied_offset r"
                + " on r.projection = l.projection and r.generation = ? and r.topic = l.topic"
                + " and r.partition = l.partition where l.projection = ? and l.generation = ?")) {
            query.setInt(1, replayed);
            query.setString(2, name);
            query.setInt(3, live);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    /** Starts rebuilding one model, or all of them ({@code all}); refused while a replay runs. */
    public String start(String name) {
        List<ReadModel> chosen = name.equals("all") ? models.all()
                : List.of(models.byName(name).orElseThrow(() -> ProblemType.UNKNOWN_PROJECTION.exception(
                        "no read model " + name)));
        String replayId = UUID.randomUUID().toString();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement running = c.prepareStatement(
                    "select name from projection_state where replay_status = 'REPLAYING' for update");
                    ResultSet rows = running.executeQuery()) {
                if (rows.next()) {
                    c.rollback();
                    throw ProblemType.REPLAY_RUNNING.exception(
                            "read model " + rows.getString(1) + " is being rebuilt; wait until it is live");
                }
            }
            for (ReadModel model : chosen) {
                int next = models.liveGeneration(c, model.name()) + 1;
                clear(c, model, next);
                update(c, "update projection_state set replay_generation = ?, replay_id = ?, replay_status = 'REPLAYING',"
                        + " replay_started_at = now(), replay_finished_at = null, replay_applied = 0, replay_error = null"
                        + " where name = ?", next, replayId, model.name());
            }
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("could not start a replay", e);
        }
        runner.submit(() -> run(replayId));
        return replayId;
    }

    @PostConstruct
    void init() {
        retrying = new Retrying("ledger-replay", Duration.ofMillis(200), Duration.ofSeconds(5), held);
    }

    /** A replay that a stop or crash interrupted goes on. */
    void resume(@Observes StartupEvent startup) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement query = c.prepareStatement(
                        "select distinct replay_id from projection_state where replay_status = 'REPLAYING'");
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                String replayId = rows.getString(1);
                LOG.infof("resuming replay %s", replayId);
                runner.submit(() -> run(replayId));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the replays", e);
        }
    }

    @PreDestroy
    void stop() {
        stopping = true;
        retrying.stop();
        runner.shutdownNow();
    }

    private void run(String replayId) {
        try {
            List<ProjectionEngine.Target> targets = targets(replayId);
            if (targets.isEmpty()) {
                return;
            }
            ProjectionEngine engine = new ProjectionEngine();
            try (KafkaConsumer<String, String> consumer = consumer()) {
                List<TopicPartition> partitions = partitions(consumer, targets);
                consumer.assign(partitions);
                seek(consumer, partitions, targets);
                while (!stopping) {
                    ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
                    if (!records.isEmpty()) {
                        retrying.run("a batch of replay " + replayId,
                                () -> applyBatch(engine, records, targets, replayId));
                    }
                    if (records.count() < batchSize && switchOverOrWait(targets, replayId)) {
                        LOG.infof("replay %s is live", replayId);
                        return;
                    }
                }
            }
        } catch (Exception e) {
            if (stopping) {
                return;
            }
            LOG.errorf(e, "replay %s failed", replayId);
            try (Connection c = dataSource.getConnection()) {
                update(c, "update projection_state set replay_status = 'FAILED', replay_error = ?,"
                        + " replay_finished_at = now() where replay_id = ?", String.valueOf(e.getMessage()), replayId);
            } catch (SQLException ignored) {
                LOG.error("could not record the failure of the replay", ignored);
            }
        }
    }

    /** Applies a batch to the replayed generations, straight through or else carefully (parking what fails). */
    private void applyBatch(ProjectionEngine engine, ConsumerRecords<String, String> records,
            List<ProjectionEngine.Target> targets, String replayId) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                engine.apply(records, targets, c);
                progress(c, records.count(), replayId);
                c.commit();
                return;
            } catch (SQLException | RuntimeException fast) {
                c.rollback();
            }
            try {
                ProjectionEngine.Outcome outcome = engine.applyCarefully(records, targets, c);
                progress(c, records.count(), replayId);
                c.commit();
                parkedRecords.report(outcome.parked());
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not apply a batch of the replay: " + e.getMessage(), e);
        }
    }

    private static void progress(Connection c, int records, String replayId) throws SQLException {
        update(c, "update projection_state set replay_applied = replay_applied + ? where replay_id = ?", records,
                replayId);
    }

    /** Switches over if it can; a database that is away only delays it. */
    private boolean switchOverOrWait(List<ProjectionEngine.Target> targets, String replayId) {
        try {
            return switchOver(targets, replayId);
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("replay %s cannot switch over yet: %s", replayId, e.toString());
            return false;
        }
    }

    /**
     * Makes the new generation live if it has applied at least everything the live one has. Takes the switch-over
     * lock exclusively ({@link ReadModels#lockSwitchOver}), so the live consumer is between batches while offsets are
     * compared and the switch is made, and locks the state rows against another switch-over.
     */
    private boolean switchOver(List<ProjectionEngine.Target> targets, String replayId) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Map<String, Integer> live = new HashMap<>();
                ReadModels.lockSwitchOver(c, true);
                try (PreparedStatement lock = c.prepareStatement(
                        "select name, live_generation from projection_state where replay_id = ? for update")) {
                    lock.setString(1, replayId);
                    try (ResultSet rows = lock.executeQuery()) {
                        while (rows.next()) {
                            live.put(rows.getString(1), rows.getInt(2));
                        }
                    }
                }
                for (ProjectionEngine.Target target : targets) {
                    String name = target.model().name();
                    if (remaining(c, name, live.get(name), target.generation()) > 0) {
                        c.rollback();
                        return false;
                    }
                }
                for (ProjectionEngine.Target target : targets) {
                    update(c, "update projection_state set live_generation = ?, replay_status = 'DONE',"
                            + " replay_finished_at = now() where name = ?", target.generation(), target.model().name());
                }
                c.commit();
                for (ProjectionEngine.Target target : targets) {
                    c.setAutoCommit(true);
                    clear(c, target.model(), live.get(target.model().name()));
                }
                return true;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private List<ProjectionEngine.Target> targets(String replayId) throws SQLException {
        List<ProjectionEngine.Target> targets = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement query = c.prepareStatement(
                "select name, replay_generation from projection_state where replay_id = ?"
                        + " and replay_status = 'REPLAYING'")) {
            query.setString(1, replayId);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    int generation = rows.getInt(2);
                    models.byName(rows.getString(1))
                            .ifPresent(model -> targets.add(new ProjectionEngine.Target(model, generation)));
                }
            }
        }
        return targets;
    }

    private static List<TopicPartition> partitions(KafkaConsumer<String, String> consumer,
            List<ProjectionEngine.Target> targets) {
        Set<String> topics = new LinkedHashSet<>();
        targets.forEach(t -> topics.addAll(t.model().topics()));
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            consumer.partitionsFor(topic, Duration.ofSeconds(30))
                    .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        }
        return partitions;
    }

    /** Each partition from the lowest offset the replayed generations have reached (the beginning at first). */
    private void seek(KafkaConsumer<String, String> consumer, List<TopicPartition> partitions,
            List<ProjectionEngine.Target> targets) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            for (TopicPartition partition : partitions) {
                consumer.seek(partition, ReadModels.lowestNextOffset(c, targets, partition.topic(),
                        partition.partition()));
            }
        }
    }

    private KafkaConsumer<String, String> consumer() {
        Properties config = new Properties();
        config.putAll(kafka);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(batchSize));
        config.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, "1");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "ledger-replay");
        return new KafkaConsumer<>(config);
    }

    /** Drops a generation of a model: its rows and its offsets. */
    private static void clear(Connection c, ReadModel model, int generation) throws SQLException {
        for (String table : model.tables()) {
            update(c, "delete from " + table + " where generation = ?", generation);
        }
        update(c, "delete from applied_offset where projection = ? and generation = ?", model.name(), generation);
    }

    private static void update(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        }
    }
}
