package io.eventbank.transfer.config;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;

import com.github.kagkarlsson.scheduler.Scheduler;
import io.eventbank.infrastructure.axon.AxonRuntime;
import io.eventbank.infrastructure.axon.BoundedCache;
import io.eventbank.infrastructure.axon.NotFoundAsAnswer;
import io.eventbank.infrastructure.health.HeldRecords;
import io.eventbank.transfer.domain.IncomingPayment;
import io.eventbank.transfer.domain.MoneyTransfer;
import io.eventbank.transfer.messaging.OutboxRoutes;
import io.eventbank.transfer.view.TransferViewProjector;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Tracer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configuration;
import org.axonframework.config.ConfigurationScopeAwareProvider;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManagerSupplier;

/**
 * transfer-saga's Axon ({@link AxonRuntime}): the {@link MoneyTransfer} and {@link IncomingPayment} aggregates (kept in
 * memory, a bounded number of them) with their persistent deadlines (db-scheduler in PostgreSQL), the transfer view,
 * and where its events go ({@link OutboxRoutes}). The saga's rule, an account's answer to a leg becomes its transfer's
 * command, is applied by the consumers as they read ({@code AccountAnswers}): nothing is stored for it.
 */
@Singleton
public class AxonSetup {

    /** Transfers and incoming payments kept in memory; the least recently used go first. */
    static final int CACHED_AGGREGATES = 20_000;

    @Inject
    AxonRuntime.Storage storage;
    @Inject
    MeterRegistry meters;
    @Inject
    Tracer tracer;
    @Inject
    HeldRecords held;
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

    private AxonRuntime axon;

    @PostConstruct
    void assemble() {
        BoundedCache transfers = new BoundedCache(CACHED_AGGREGATES);
        BoundedCache payments = new BoundedCache(CACHED_AGGREGATES);
        axon = AxonRuntime.builder("transfer-saga", storage, meters, tracer, held)
                .component(configurer -> configurer.registerComponent(DeadlineManager.class, this::deadlineManager))
                // one node handles a transfer's commands: the aggregate can stay in memory between them
                .aggregate(AggregateConfigurer.defaultConfiguration(MoneyTransfer.class).configureCache(c -> transfers))
                .aggregate(AggregateConfigurer.defaultConfiguration(IncomingPayment.class)
                        .configureCache(c -> payments))
                .view("transfer-view", view)
                .outbox(OutboxRoutes.of(channels::transferEvent, channels::accountCommand, channels::clearing),
                        new AxonRuntime.Publishing(config.publisher().batchSize(), config.publisher().segments(),
                                config.publisher().ackTimeout()))
                // a command for a transfer this service does not know answers so, without failing the poll it came in
                .commandInterceptor(new NotFoundAsAnswer())
                .consumers(new AxonRuntime.Holding(config.inbox().backoff(), config.inbox().maxBackoff()),
                        channels::deadLetter)
                .build();
    }

    private DeadlineManager deadlineManager(Configuration c) {
        DbSchedulerDeadlineManager manager = DbSchedulerDeadlineManager.builder()
                .scheduler(deadlineScheduler)
                .scopeAwareProvider(new ConfigurationScopeAwareProvider(c))
                .serializer(storage.serializer())
                .transactionManager(storage.transactions())
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
        axon.configuration().getComponent(DeadlineManager.class);
        axon.start();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        axon.stop();
    }

    /** For the consumers: their polls and their commands. */
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
