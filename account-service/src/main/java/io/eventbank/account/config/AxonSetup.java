package io.eventbank.account.config;

import java.util.List;

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
import io.eventbank.infrastructure.axon.AxonRuntime;
import io.eventbank.infrastructure.axon.BoundedCache;
import io.eventbank.infrastructure.axon.KafkaOutbox;
import io.eventbank.infrastructure.health.HeldRecords;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Tracer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configuration;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;

/**
 * account-service's Axon ({@link AxonRuntime}): the {@link BankAccount} aggregate with snapshots, the account view,
 * every event to {@code bank.account.events} keyed by IBAN, and every leg counted once ({@link ProcessedCommands}).
 */
@Singleton
public class AxonSetup {

    @Inject
    AxonRuntime.Storage storage;
    @Inject
    MeterRegistry meters;
    @Inject
    Tracer tracer;
    @Inject
    HeldRecords held;
    @Inject
    AccountConfig config;
    @Inject
    AccountViewProjector view;
    @Inject
    AccountEventsChannel accountEvents;
    @Inject
    ProcessedCommands processedCommands;

    private AxonRuntime axon;

    @PostConstruct
    void assemble() {
        axon = AxonRuntime.builder("account-service", storage, meters, tracer, held)
                .aggregate(aggregate())
                .view("account-view", view)
                .outbox(List.of(KafkaOutbox.Route.everyEventTo(accountEvents::send,
                        payload -> ((AccountEvent) payload).iban())), new AxonRuntime.Publishing(
                        config.publisher().batchSize(), config.publisher().segments(), config.publisher().ackTimeout()))
                .commandInterceptor(processedCommands)
                .consumers(new AxonRuntime.Holding(config.commands().backoff(), config.commands().maxBackoff()),
                        accountEvents::deadLetter)
                .build();
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
            BoundedCache accounts = new BoundedCache(config.cacheSize());
            aggregate.configureCache(c -> accounts);
        }
        return aggregate;
    }

    /** After SmallRye Reactive Messaging has connected its channels (which happens on start-up too). */
    void start(@Observes @Priority(Interceptor.Priority.APPLICATION + 100) StartupEvent startup) {
        axon.start();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        axon.stop();
    }

    /** For the consumers: their polls, their commands, the outbox. */
    @Produces
    @Singleton
    AxonRuntime runtime() {
        return axon;
    }

    @Produces
    @Singleton
    CommandGateway commandGateway() {
        return axon.commandGateway();
    }

    /** Axon's configuration, for its processors' health ({@code AxonProcessors}). */
    @Produces
    @Singleton
    Configuration axonConfiguration() {
        return axon.configuration();
    }
}
