package io.eventbank.transfer.config;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import com.github.kagkarlsson.scheduler.Scheduler;
import io.eventbank.infrastructure.axon.AxonRuntime;
import io.eventbank.infrastructure.axon.AxonService;
import io.eventbank.infrastructure.axon.BoundedCache;
import io.eventbank.infrastructure.axon.NotFoundAsAnswer;
import io.eventbank.transfer.domain.IncomingPayment;
import io.eventbank.transfer.clearing.ClearingSignatures;
import io.eventbank.transfer.domain.MoneyTransfer;
import io.eventbank.transfer.messaging.OutboxRoutes;
import io.eventbank.transfer.view.TransferViewProjector;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configuration;
import org.axonframework.config.ConfigurationScopeAwareProvider;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManagerSupplier;

/**
 * transfer-saga's Axon ({@link AxonService}): the {@link MoneyTransfer} and {@link IncomingPayment} aggregates (kept
 * in memory, a bounded number of them) with their persistent deadlines (db-scheduler in PostgreSQL), the transfer
 * view, and where its events go ({@link OutboxRoutes}). The saga's rule, an account's answer to a leg becomes its
 * transfer's command, is applied by the consumers as they read ({@code AccountAnswers}): nothing is stored for it.
 */
@Singleton
public class AxonSetup extends AxonService {

    /** Transfers and incoming payments kept in memory; the least recently used go first. */
    static final int CACHED_AGGREGATES = 20_000;

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
    ClearingSignatures signatures;

    @Override
    protected String name() {
        return "transfer-saga";
    }

    @Override
    protected AxonRuntime.Builder assemble(AxonRuntime.Builder axon) {
        BoundedCache transfers = new BoundedCache(CACHED_AGGREGATES);
        BoundedCache payments = new BoundedCache(CACHED_AGGREGATES);
        return axon.component(DeadlineManager.class, this::deadlineManager)
                // one node handles a transfer's commands: the aggregate can stay in memory between them
                .aggregate(AggregateConfigurer.defaultConfiguration(MoneyTransfer.class).configureCache(c -> transfers))
                .aggregate(AggregateConfigurer.defaultConfiguration(IncomingPayment.class)
                        .configureCache(c -> payments))
                .view("transfer-view", view)
                .outbox(OutboxRoutes.of(channels::transferEvent, channels::accountCommand, channels::clearing,
                                signatures),
                        new AxonRuntime.Publishing(config.publisher().batchSize(), config.publisher().segments(),
                                config.publisher().ackTimeout()))
                // a command for a transfer this service does not know answers so, without failing the poll it came in
                .commandInterceptor(new NotFoundAsAnswer())
                .consumers(new AxonRuntime.Holding(config.inbox().backoff(), config.inbox().maxBackoff()),
                        channels::deadLetter);
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
}
