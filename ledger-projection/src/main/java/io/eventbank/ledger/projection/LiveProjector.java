package io.eventbank.ledger.projection;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.common.annotation.Blocking;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * The live read models: batches of {@code bank.account.events} and {@code bank.transfer.events} from SmallRye Kafka,
 * each applied to the live generation of every read model in one transaction with the offsets it reached. Offsets
 * live in PostgreSQL, not in the consumer group: {@link StoredOffsets} seeks the consumer to them whenever partitions
 * are assigned, so a restart resumes exactly where the committed read models are.
 */
@ApplicationScoped
public class LiveProjector {

    private static final Logger LOG = Logger.getLogger(LiveProjector.class);

    @Inject
    DataSource dataSource;
    @Inject
    ReadModels models;
    @Inject
    DeadLetters deadLetters;

    private final ProjectionEngine engine = new ProjectionEngine();

    @Incoming("ledger-events")
    @Blocking
    public void apply(ConsumerRecords<String, String> records) throws SQLException {
        if (records.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                List<ProjectionEngine.Target> targets = models.liveTargets(connection);
                ProjectionEngine.Outcome outcome = engine.apply(records, targets, connection);
                for (ProjectionEngine.Poison poison : outcome.poison()) {
                    LOG.errorf("record %s-%d@%d cannot be applied and goes to the dead-letter topic: %s",
                            poison.record().topic(), poison.record().partition(), poison.record().offset(),
                            poison.reason());
                    deadLetters.send(poison);
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }
}
