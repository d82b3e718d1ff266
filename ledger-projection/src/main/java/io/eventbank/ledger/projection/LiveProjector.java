package io.eventbank.ledger.projection;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.eventbank.infrastructure.health.HeldRecords;
import io.eventbank.infrastructure.kafka.Retrying;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Blocking;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The live read models: batches of {@code bank.account.events} and {@code bank.transfer.events} from SmallRye Kafka,
 * each applied to the live generation of every read model in one transaction with the offsets it reached. Offsets
 * live in PostgreSQL, not in the consumer group: {@link StoredOffsets} seeks the consumer to them whenever partitions
 * are assigned, so a restart resumes exactly where the committed read models are. A batch that cannot be committed
 * (PostgreSQL or Kafka away) is tried again until it can: the consumer recovers by itself, never skips a batch and
 * never stops. A record a model cannot apply is parked ({@link ParkedRecords}), never skipped silently.
 */
@ApplicationScoped
public class LiveProjector {

    @Inject
    DataSource dataSource;
    @Inject
    ReadModels models;
    @Inject
    DeadLetterPublisher deadLetters;
    @Inject
    ParkedRecords parkedRecords;
    @Inject
    HeldRecords held;
    @Inject
    Arrivals arrivals;
    @Inject
    ProjectionLag lag;

    private final ProjectionEngine engine = new ProjectionEngine();
    private Retrying retrying;

    @PostConstruct
    void init() {
        retrying = new Retrying("ledger-events", Duration.ofMillis(200), Duration.ofSeconds(5), held);
    }

    void stop(@Observes ShutdownEvent shutdown) {
        retrying.stop();
    }

    @Incoming("ledger-events")
    @Blocking
    public void apply(ConsumerRecords<String, String> records) {
        if (records.isEmpty()) {
            return;
        }
        ConsumerRecord<String, String> first = records.iterator().next();
        retrying.run("a batch of " + records.count() + " from " + first.topic() + "-" + first.partition() + "@"
                + first.offset(), () -> applyOnce(records));
    }

    private void applyOnce(ConsumerRecords<String, String> records) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                engine.apply(records, models.liveTargets(connection), connection);
                connection.commit();
                arrivals.committed(records);
                lag.committed(records);
                return;
            } catch (SQLException | RuntimeException fast) {
                connection.rollback();
            }
            try {
                List<ProjectionEngine.Target> targets = models.liveTargets(connection);
                ProjectionEngine.Outcome outcome = engine.applyCarefully(records, targets, connection);
                deadLetters.sendMalformed(outcome.parked());
                connection.commit();
                arrivals.committed(records);
                lag.committed(records);
                parkedRecords.report(outcome.parked());
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not apply a batch: " + e.getMessage(), e);
        }
    }
}
