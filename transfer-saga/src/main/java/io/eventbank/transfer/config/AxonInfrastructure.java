package io.eventbank.transfer.config;

import java.time.Duration;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import com.github.kagkarlsson.scheduler.Scheduler;
import io.eventbank.infrastructure.axon.AxonJson;
import io.eventbank.infrastructure.axon.AxonStorage;
import io.eventbank.infrastructure.axon.JtaTransactionManager;
import io.eventbank.infrastructure.axon.PromptEventStore;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.DataSourceConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManagerSupplier;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.serialization.Serializer;

/**
 * The storage under Axon on Quarkus's datasource (schema {@code transfer}): event store, token store, the deadlines'
 * scheduler (db-scheduler, table {@code scheduled_tasks}), the Jackson serializer and JTA transactions.
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
    TokenStore tokenStore(ConnectionProvider connections, Serializer serializer, TransferConfig config) {
        return AxonStorage.tokenStore(connections, serializer, config.nodeId());
    }

    /** Filled in by AxonSetup once the deadline manager exists; the scheduler's task reaches it through this. */
    @Produces
    @Singleton
    DbSchedulerDeadlineManagerSupplier deadlineManagerSupplier() {
        return new DbSchedulerDeadlineManagerSupplier();
    }

    /** Deadlines live in the database: a deadline pending when the service stops fires after it starts again. */
    @Produces
    @Singleton
    Scheduler deadlineScheduler(DataSource dataSource, DbSchedulerDeadlineManagerSupplier manager) {
        return Scheduler.create(dataSource, DbSchedulerDeadlineManager.humanReadableTask(manager))
                .threads(2)
                .pollingInterval(Duration.ofMillis(500))
                .heartbeatInterval(Duration.ofSeconds(5))
                .build();
    }
}
