package io.eventbank.account.config;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.eventbank.infrastructure.axon.AxonJson;
import io.eventbank.infrastructure.axon.AxonStorage;
import io.eventbank.infrastructure.axon.JtaTransactionManager;
import io.eventbank.infrastructure.axon.PromptEventStore;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.DataSourceConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.serialization.Serializer;

/**
 * The storage under Axon on Quarkus's datasource (schema {@code account}): event store, token store, the Jackson
 * serializer and JTA transactions.
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

    @Produces
    @Singleton
    EventStorageEngine storageEngine(ConnectionProvider connections, Serializer serializer) {
        return AxonStorage.eventStorageEngine(connections, serializer);
    }

    @Produces
    @Singleton
    PromptEventStore eventStore(EventStorageEngine storageEngine, jakarta.transaction.TransactionManager jta) {
        return AxonStorage.eventStore(storageEngine, jta);
    }

    @Produces
    @Singleton
    TokenStore tokenStore(ConnectionProvider connections, Serializer serializer, AccountConfig config) {
        return AxonStorage.tokenStore(connections, serializer, config.nodeId());
    }
}
