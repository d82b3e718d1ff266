package io.eventbank.ledger.projection;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * Seeks the live consumer, on every assignment, to the lowest next offset that the live read models reading the
 * partition's topic have stored (the beginning for one that has none): records before it are applied by every such
 * model, those after it are filtered per model by the engine.
 */
@ApplicationScoped
@Identifier("ledger-offsets")
public class StoredOffsets implements KafkaConsumerRebalanceListener {

    private static final Logger LOG = Logger.getLogger(StoredOffsets.class);

    @Inject
    DataSource dataSource;
    @Inject
    ReadModels models;

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        try (Connection connection = dataSource.getConnection()) {
            var targets = models.liveTargets(connection);
            for (TopicPartition partition : partitions) {
                long resumeAt = ReadModels.lowestNextOffset(connection, targets, partition.topic(),
                        partition.partition());
                consumer.seek(partition, resumeAt);
                LOG.debugf("live read models resume %s at %d", partition, resumeAt);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the stored offsets", e);
        }
    }
}
