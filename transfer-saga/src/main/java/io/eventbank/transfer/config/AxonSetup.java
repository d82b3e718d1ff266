package io.eventbank.transfer.config;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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
import io.eventbank.infrastructure.axon.BoundedCache;
import io.eventbank.infrastructure.axon.Envelopes;
import io.eventbank.infrastructure.axon.NotFoundAsAnswer;
import io.eventbank.infrastructure.axon.KafkaOutbox;
import io.eventbank.infrastructure.axon.PromptEventStore;
import io.eventbank.infrastructure.axon.StartGate;
import io.eventbank.infrastructure.health.HeldRecords;
import io.eventbank.infrastructure.axon.Batches;
import io.eventbank.infrastructure.kafka.DeadLetterTopic;
import io.eventbank.infrastructure.kafka.Retrying;
import io.eventbank.transfer.domain.IncomingPayment;
import io.eventbank.transfer.domain.MoneyTransfer;
import io.eventbank.transfer.messaging.OutboxRoutes;
import io.eventbank.transfer.view.TransferViewProjector;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Tracer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import org.axonframework.commandhandling.gateway.CommandGateway;
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
import org.axonframework.serialization.Serializer;

/**
 * Assembles Axon for transfer-saga: the {@link MoneyTransfer} and {@link IncomingPayment} aggregates (kept in memory,
 * a bounded number of them) with their persistent deadlines (db-scheduler in PostgreSQL), the transfer view (in the
 * command's transaction) and the Kafka outbox (a pooled streaming processor over the event store). The saga's rule,
 * an account's answer to a leg becomes its transfer's command, is applied by the consumers as they read
 * ({@code AccountAnswers}): nothing is stored for it. Starts after Flyway and SmallRye, stops with Quarkus.
 */
@Singleton
public class AxonSetup {

    static final String PUBLISHER = "kafka-publisher";
    static final String VIEW = "transfer-view";
    /** Transfers and incoming payments kept in memory; the least recently used go first. */
    static final int CACHED_AGGREGATES = 20_000;

    @Inject
    MeterRegistry meters;
    @Inject
    Serializer serializer;
    @Inject
    TransactionManager transactionManager;
    @Inject
    PromptEventStore eventStore;
    @Inject
    TokenStore tokenStore;
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
    @Inject
    HeldRecords held;
    @Inject
    Tracer tracer;

    private Configuration configuration;
    private CommandGateway batchCommands;
    private ScheduledExecutorService retries;
    private final BoundedCache transfers = new BoundedCache(CACHED_AGGREGATES);
    private final BoundedCache payments = new BoundedCache(CACHED_AGGREGATES);
    private final List<Retrying> consumers = new CopyOnWriteArrayList<>();
    private final StartGate started = new StartGate();

    @PostConstruct
    void assemble() {
        retries = Executors.newScheduledThreadPool(1, runnable -> new Thread(runnable, "command-retry"));
        KafkaOutbox outbox = new KafkaOutbox(
                OutboxRoutes.of(channels::transferEvent, channels::accountCommand, channels::clearing),
                new Envelopes(serializer, "/eventbank/transfer-saga"), config.publisher().ackTimeout());
        eventStore.handOver(outbox);

        Configurer configurer = AxonConfigurers.configurer(serializer, transactionManager, eventStore, tokenStore,
                        retries, meters)
                .registerComponent(DeadlineManager.class, this::deadlineManager)
                // one node handles a transfer's commands: the aggregate can stay in memory between them
                .configureAggregate(AggregateConfigurer.defaultConfiguration(MoneyTransfer.class)
                        .configureCache(c -> transfers))
                .configureAggregate(AggregateConfigurer.defaultConfiguration(IncomingPayment.class)
                        .configureCache(c -> payments));
        EventProcessingConfigurer processing = configurer.eventProcessing()
                .registerSubscribingEventProcessor(VIEW)
                .registerEventHandler(c -> view)
                .assignHandlerInstancesMatching(VIEW, handler -> handler instanceof TransferViewProjector);
        AxonConfigurers.pooled(processing, PUBLISHER, config.publisher().batchSize(), config.publisher().segments())
                .registerEventHandler(c -> outbox)
                .assignHandlerInstancesMatching(PUBLISHER, handler -> handler instanceof KafkaOutbox);
        configuration = configurer.buildConfiguration();
        batchCommands = AxonConfigurers.gatewayWithoutRetries(configuration);
        // a command for a transfer this service does not know answers so, without failing the poll it came in
        configuration.commandBus().registerHandlerInterceptor(new NotFoundAsAnswer());
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
        consumers.forEach(Retrying::stop);
        configuration.shutdown();
        retries.shutdownNow();
    }

    /**
     * A consumer's polls, each in one transaction; a poll that fails is handled record by record, each tried until it
     * succeeds; its commands go without the gateway's retries ({@link #batchCommands()}).
     */
    public Batches batches(String consumer) {
        Retrying retrying = new Retrying(consumer, config.inbox().backoff(), config.inbox().maxBackoff(), held);
        consumers.add(retrying);
        return new Batches(consumer, transactionManager, retrying, new DeadLetterTopic(channels::deadLetter,
                Duration.ofSeconds(30), meters), tracer);
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

    /** Axon's configuration, for its processors' health ({@code AxonProcessors}). */
    @Produces
    @Singleton
    org.axonframework.config.Configuration axonConfiguration() {
        return configuration;
    }

    /** The commands of a consumer's poll: no retries of their own ({@link Batches}). */
    public CommandGateway batchCommands() {
        return batchCommands;
    }

    public Configuration configuration() {
        return configuration;
    }
}
