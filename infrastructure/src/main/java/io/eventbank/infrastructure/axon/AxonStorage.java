package io.eventbank.infrastructure.axon;

import java.time.Duration;

import io.eventbank.infrastructure.events.Upcasters;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;

/**
 * The storage under Axon, the same in every Axon service: the JDBC event store on the service's schema (JSON
 * payloads in text columns, Axon's default table names), and the token store beside it.
 */
public final class AxonStorage {

    private AxonStorage() {
    }

    /**
     * The global index is a sequence with increment 1: gaps come only from rolled-back appends, which the gap-aware
     * tokens skip after {@code gapTimeout} without holding up later events.
     *
     * <p>The engine begins no transactions of its own: an append is always part of a unit of work, whose transaction
     * the connection joins, and a read (a processor fetching the next events, a gap check) needs none. Axon's default
     * wrapped every read in a transaction of its own, three round trips where one does, several times a transfer.
     */
    public static EventStorageEngine eventStorageEngine(ConnectionProvider connections, Serializer serializer) {
        return JdbcEventStorageEngine.builder()
                // older revisions of events are read through the platform's upcasters, as on Kafka
                .upcasterChain(new AxonUpcasting(Upcasters.platform()))
                .connectionProvider(connections)
                .transactionManager(NoTransactionManager.INSTANCE)
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .dataType(String.class)
                .persistenceExceptionResolver(AxonStorage::isUniqueViolation)
                .batchSize(200)
                .gapTimeout(60_000)
                .gapCleaningThreshold(250)
                .build();
    }

    /**
     * PostgreSQL's unique violation (SQLState 23505) anywhere in the cause chain: a concurrent append to the same
     * aggregate, a second creation, or an event id that is in the store already (the inbox). Axon's default resolver
     * only knows SQLIntegrityConstraintViolationException, which the PostgreSQL driver does not throw.
     */
    public static boolean isUniqueViolation(Exception exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.sql.SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
            if (cause instanceof java.sql.BatchUpdateException batch && batch.getNextException() != null
                    && "23505".equals(batch.getNextException().getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Events appended in this JVM are handed to the outbox as soon as their transaction commits
     * ({@link PromptEventStore#handOver}); the store's readers look for new events twice a second.
     */
    public static PromptEventStore eventStore(EventStorageEngine storageEngine,
            jakarta.transaction.TransactionManager jta) {
        return new PromptEventStore(EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .fetchDelay(500), jta);
    }

    /** Tokens owned by {@code nodeId}: a restarted node takes its own tokens back at once; another after 10 s. */
    public static TokenStore tokenStore(ConnectionProvider connections, Serializer serializer, String nodeId) {
        return JdbcTokenStore.builder()
                .connectionProvider(connections)
                .serializer(serializer)
                .nodeId(nodeId)
                .claimTimeout(Duration.ofSeconds(10))
                .build();
    }
}
