package io.eventbank.infrastructure.axon;

import javax.sql.DataSource;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.eventbank.infrastructure.health.AxonProcessors;
import io.quarkus.arc.properties.IfBuildProperty;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.DataSourceConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.serialization.Serializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Axon as CDI beans of every service that runs it ({@code eventbank.axon.enabled=true} at build time): the storage
 * under it: the Jackson serializer, JTA transactions on Narayana, the JDBC event store on the service's datasource and
 * schema ({@link AxonStorage}), and the token store beside it, owned by {@code eventbank.axon.node-id} (a fixed name
 * per node: a restarted node takes its tokens back at once); and, from the service's {@link AxonService}, its
 * {@link AxonRuntime}, command gateway and configuration.
 */
@Singleton
@IfBuildProperty(name = "eventbank.axon.enabled", stringValue = "true")
public class AxonBeans {

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
    PromptEventStore eventStore(ConnectionProvider connections, Serializer serializer,
            jakarta.transaction.TransactionManager jta) {
        return AxonStorage.eventStore(AxonStorage.eventStorageEngine(connections, serializer), jta);
    }

    @Produces
    @Singleton
    TokenStore tokenStore(ConnectionProvider connections, Serializer serializer,
            @ConfigProperty(name = "eventbank.axon.node-id") String node) {
        return AxonStorage.tokenStore(connections, serializer, node);
    }

    /** All of it, for {@link AxonRuntime}. */
    @Produces
    @Singleton
    AxonRuntime.Storage storage(Serializer serializer, TransactionManager transactions, PromptEventStore eventStore,
            TokenStore tokenStore) {
        return new AxonRuntime.Storage(serializer, transactions, eventStore, tokenStore);
    }

    /** For the consumers: their polls, their commands, the outbox. */
    @Produces
    @Singleton
    AxonRuntime runtime(AxonService service) {
        return service.runtime();
    }

    /** The command gateway for REST and schedulers: it retries transient failures. */
    @Produces
    @Singleton
    CommandGateway commandGateway(AxonRuntime runtime) {
        return runtime.commandGateway();
    }

    /** Axon's event processors, for their health ({@link AxonProcessors}). */
    @Produces
    @Singleton
    AxonProcessors.EventProcessors eventProcessors(AxonRuntime runtime) {
        return () -> runtime.configuration().eventProcessingConfiguration().eventProcessors();
    }
}
