package io.eventbank.account.config;

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

import io.eventbank.account.application.ProcessedCommands;
import io.eventbank.account.domain.BankAccount;
import io.eventbank.account.view.AccountViewProjector;
import io.eventbank.contracts.account.AccountEvent;
import io.eventbank.infrastructure.axon.AxonConfigurers;
import io.eventbank.infrastructure.axon.BoundedCache;
import io.eventbank.infrastructure.axon.Envelopes;
import io.eventbank.infrastructure.axon.KafkaOutbox;
import io.eventbank.infrastructure.axon.PromptEventStore;
import io.eventbank.infrastructure.axon.StartGate;
import io.eventbank.infrastructure.health.HeldRecords;
import io.eventbank.infrastructure.axon.Batches;
import io.eventbank.infrastructure.kafka.DeadLetterTopic;
import io.eventbank.infrastructure.kafka.Retrying;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Tracer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.serialization.Serializer;

/**
 * Assembles Axon for account-service: the {@link BankAccount} aggregate with snapshots, the account view (a
 * subscribing processor, in the command's transaction) and the Kafka outbox (a pooled streaming processor over the
 * event store). Starts after Flyway has migrated the schema, stops with Quarkus.
 */
@Singleton
public class AxonSetup {

    static final String PUBLISHER = "kafka-publisher";
    static final String VIEW = "account-view";

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
    AccountConfig config;
    @Inject
    AccountViewProjector view;

    @Inject
    AccountEventsChannel accountEvents;
    @Inject
    ProcessedCommands processedCommands;
    @Inject
    HeldRecords held;
    @Inject
    Tracer tracer;

    private Configuration configuration;
    private CommandGateway batchCommands;
    private KafkaOutbox outbox;
    private ScheduledExecutorService retries;
    private final StartGate started = new StartGate();
    private final List<Retrying> consumers = new CopyOnWriteArrayList<>();
    private BoundedCache accounts;

    @PostConstruct
    void assemble() {
        retries = Executors.newScheduledThreadPool(1, runnable -> new Thread(runnable, "command-retry"));
        outbox = KafkaOutbox.allTo(accountEvents::send, payload -> ((AccountEvent) payload).iban(),
                new Envelopes(serializer, "/eventbank/account-service"), config.publisher().ackTimeout());
        eventStore.handOver(outbox);

        Configurer configurer = AxonConfigurers.configurer(serializer, transactionManager, eventStore, tokenStore,
                        retries, meters).configureAggregate(aggregate());
        EventProcessingConfigurer processing = configurer.eventProcessing()
                .registerSubscribingEventProcessor(VIEW)
                .registerEventHandler(c -> view)
                .assignHandlerInstancesMatching(VIEW, handler -> handler instanceof AccountViewProjector);
        AxonConfigurers.pooled(processing, PUBLISHER, config.publisher().batchSize(), config.publisher().segments())
                .registerEventHandler(c -> outbox)
                .assignHandlerInstancesMatching(PUBLISHER, handler -> handler instanceof KafkaOutbox);
        configuration = configurer.buildConfiguration();
        batchCommands = AxonConfigurers.gatewayWithoutRetries(configuration);
        configuration.commandBus().registerHandlerInterceptor(processedCommands);
    }

    /**
     * Accounts are cached in memory when {@code eventbank.account.cache} is on (the default), up to
     * {@code eventbank.account.cache-size} of them: one node handles an account's commands (the Kafka key routes legs
     * to one consumer), so the cache never goes stale; with several nodes taking API commands for the same accounts,
     * turn it off.
     */
    private AggregateConfigurer<BankAccount> aggregate() {
        AggregateConfigurer<BankAccount> aggregate = AggregateConfigurer.defaultConfiguration(BankAccount.class)
                .configureSnapshotTrigger(c -> new EventCountSnapshotTriggerDefinition(c.snapshotter(),
                        config.snapshotThreshold()));
        if (config.cache()) {
            accounts = new BoundedCache(config.cacheSize());
            aggregate.configureCache(c -> accounts);
        }
        return aggregate;
    }

    /**
     * A consumer's polls, each in one transaction; a poll that fails is handled record by record, each tried until it
     * succeeds; its commands go without the gateway's retries ({@link #batchCommands()}).
     */
    public Batches batches(String consumer) {
        Retrying retrying = new Retrying(consumer, config.commands().backoff(), config.commands().maxBackoff(), held);
        consumers.add(retrying);
        return new Batches(consumer, transactionManager, retrying, new DeadLetterTopic(accountEvents::deadLetter,
                Duration.ofSeconds(30), meters), tracer);
    }


    /** After SmallRye Reactive Messaging has connected its channels (which happens on start-up too). */
    void start(@Observes @Priority(Interceptor.Priority.APPLICATION + 100) StartupEvent startup) {
        configuration.start();
        started.open();
    }

    /** Blocks until Axon has started: a Kafka consumer may get its first record before. */
    public void awaitStarted() {
        started.await();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        consumers.forEach(Retrying::stop);
        configuration.shutdown();
        retries.shutdownNow();
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

    /** The outbox that publishes the event store to {@code bank.account.events}. */
    public KafkaOutbox outbox() {
        return outbox;
    }

    public Configuration configuration() {
        return configuration;
    }
}
