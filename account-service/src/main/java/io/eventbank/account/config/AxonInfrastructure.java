package io.eventbank.account.config;

import java.time.Duration;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.eventbank.infrastructure.axon.AxonJson;
import io.eventbank.infrastructure.axon.JtaTransactionManager;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.DataSourceConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;

/**
 * The storage under Axon: the event store (JDBC engine on the {@code account} schema, JSON payloads in text
 * columns), the token store, the serializer and JTA transactions, all on Quarkus's datasource.
 */
@ApplicationScoped
public class AxonInfrastructure {

    @Produces
    @Singleton
    Serializer serializer() {
        return AxonJson.serializer();
    }

    @Produces
    @Singleton
    TransactionManager transactionManager(jakarta.transaction.TransactionManager jta) {
        return new JtaTransactionManager(jta);
    }

    @Produces
    @Singleton
    ConnectionProvider connectionProvider(DataSource dataSource) {
        return new DataSourceConnectionProvider(dataSource);
    }

    /**
     * The global index is a sequence with increment 1: gaps come only from rolled-back appends, which the gap-aware
     * tokens skip after {@code gapTimeout} without holding up later events.
     */
    @Produces
    @Singleton
    EventStorageEngine storageEngine(ConnectionProvider connections, TransactionManager transactions,
            Serializer serializer) {
        return JdbcEventStorageEngine.builder()
                .connectionProvider(connections)
                .transactionManager(transactions)
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .dataType(String.class)
                .batchSize(200)
                .gapTimeout(60_000)
                .gapCleaningThreshold(250)
                .build();
    }

    @Produces
    @Singleton
    EventStore eventStore(EventStorageEngine storageEngine) {
        return EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                // events of another JVM (none in one node) are polled for; ours wake the processors at once
                .fetchDelay(500)
                .build();
    }

    @Produces
    @Singleton
    TokenStore tokenStore(ConnectionProvider connections, Serializer serializer, AccountConfig config) {
        return JdbcTokenStore.builder()
                .connectionProvider(connections)
                .serializer(serializer)
                .nodeId(config.nodeId())
                .claimTimeout(Duration.ofSeconds(10))
                .build();
    }
}
