package io.eventbank.transfer.config;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;

import com.github.kagkarlsson.scheduler.Scheduler;
import io.eventbank.infrastructure.axon.AxonConfigurers;
import io.eventbank.infrastructure.axon.Envelopes;
import io.eventbank.infrastructure.axon.KafkaOutbox;
import io.eventbank.infrastructure.axon.StartGate;
import io.eventbank.transfer.domain.IncomingPayment;
import io.eventbank.transfer.domain.MoneyTransfer;
import io.eventbank.transfer.messaging.OutboxRoutes;
import io.eventbank.transfer.saga.TransferSaga;
import io.eventbank.transfer.view.TransferViewProjector;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configuration;
import org.axonframework.config.ConfigurationScopeAwareProvider;
import org.axonframework.config.Configurer;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManagerSupplier;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.axonframework.serialization.Serializer;

/**
 * Assembles Axon for transfer-saga: the {@link MoneyTransfer} aggregate, the {@link TransferSaga} (saga store and
 * persistent deadlines in PostgreSQL, a pooled streaming processor over the event store), the transfer view (in the
 * command's transaction) and the Kafka outbox. Starts after Flyway and SmallRye, stops with Quarkus.
 */
@Singleton
public class AxonSetup {

    static final String PUBLISHER = "kafka-publisher";
    static final String VIEW = "transfer-view";
    static final String SAGA = "TransferSagaProcessor";

    @Inject
    Serializer serializer;
    @Inject
    TransactionManager transactionManager;
    @Inject
    EventStore eventStore;
    @Inject
    TokenStore tokenStore;
    @Inject
    SagaStore<Object> sagaStore;
    @Inject
    Scheduler deadlineScheduler;
    @Inject
    DbSchedulerDeadlineManagerSupplier deadlineManagers;
    @Inject
    TransferConfig config;
    @Inject
    TransferViewProjector view;
    @Inject
    TransferChannels channels;

    private Configuration configuration;
    private ScheduledExecutorService retries;
    private final StartGate started = new StartGate();

    @PostConstruct
    void assemble() {
        retries = Executors.newScheduledThreadPool(1, runnable -> new Thread(runnable, "command-retry"));
        KafkaOutbox outbox = new KafkaOutbox(
                OutboxRoutes.of(channels::transferEvent, channels::accountCommand, channels::clearing),
                new Envelopes(serializer, "/eventbank/transfer-saga"), config.publisher().ackTimeout());

        Configurer configurer = AxonConfigurers.configurer(serializer, transactionManager, eventStore, tokenStore,
                        retries)
                .registerComponent(DeadlineManager.class, this::deadlineManager)
                // one node handles a transfer's commands: the aggregate can stay in memory between them
                .configureAggregate(AggregateConfigurer.defaultConfiguration(MoneyTransfer.class)
                        .configureCache(c -> new WeakReferenceCache()))
                .configureAggregate(AggregateConfigurer.defaultConfiguration(IncomingPayment.class)
                        .configureCache(c -> new WeakReferenceCache()));
        // no CachingSagaStore: its association cache races between segments (one segment caches "no saga" while
        // another creates it), and the saga then misses its events; measured: transfers stuck in REQUESTED
        EventProcessingConfigurer processing = configurer.eventProcessing()
                .registerSaga(TransferSaga.class, saga -> saga.configureSagaStore(c -> sagaStore));
        AxonConfigurers.pooled(processing, SAGA, config.saga().batchSize(), config.saga().segments())
                .registerSubscribingEventProcessor(VIEW)
                .registerEventHandler(c -> view)
                .assignHandlerInstancesMatching(VIEW, handler -> handler instanceof TransferViewProjector);
        AxonConfigurers.pooled(processing, PUBLISHER, config.publisher().batchSize(), config.publisher().segments())
                .registerEventHandler(c -> outbox)
                .assignHandlerInstancesMatching(PUBLISHER, handler -> handler instanceof KafkaOutbox);
        configuration = configurer.buildConfiguration();
    }

    private DeadlineManager deadlineManager(Configuration c) {
        DbSchedulerDeadlineManager manager = DbSchedulerDeadlineManager.builder()
                .scheduler(deadlineScheduler)
                .scopeAwareProvider(new ConfigurationScopeAwareProvider(c))
                .serializer(serializer)
                .transactionManager(transactionManager)
                .useBinaryPojo(false)
                .startScheduler(true)
                .stopScheduler(true)
                .build();
        deadlineManagers.set(manager);
        return manager;
    }

    /** After SmallRye Reactive Messaging has connected its channels (which happens on start-up too). */
    void start(@Observes @Priority(Interceptor.Priority.APPLICATION + 100) StartupEvent startup) {
        // created before start, so that its scheduler starts and stops with Axon
        configuration.getComponent(DeadlineManager.class);
        configuration.start();
        started.open();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        configuration.shutdown();
        retries.shutdownNow();
    }

    /** Blocks until Axon has started: a Kafka consumer may get its first record before. */
    public void awaitStarted() {
        started.await();
    }

    @Produces
    @Singleton
    CommandGateway commandGateway() {
        return configuration.commandGateway();
    }

    public Configuration configuration() {
        return configuration;
    }
}
