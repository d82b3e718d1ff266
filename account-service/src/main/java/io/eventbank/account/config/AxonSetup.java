package io.eventbank.account.config;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.eventbank.account.application.ProcessedCommands;
import io.eventbank.account.domain.BankAccount;
import io.eventbank.account.view.AccountViewProjector;
import io.eventbank.contracts.MoneyRange;
import io.eventbank.contracts.account.AccountEvent;
import io.eventbank.infrastructure.axon.AxonRuntime;
import io.eventbank.infrastructure.axon.AxonService;
import io.eventbank.infrastructure.axon.BoundedCache;
import io.eventbank.infrastructure.axon.KafkaOutbox;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;

/**
 * account-service's Axon ({@link AxonService}): the {@link BankAccount} aggregate with snapshots, the account view,
 * every event to {@code bank.account.events} keyed by IBAN, and every leg counted once ({@link ProcessedCommands}). The
 * aggregate's command handlers are given the platform's money range ({@link MoneyRange}).
 */
@Singleton
public class AxonSetup extends AxonService {

    @Inject
    AccountConfig config;
    @Inject
    AccountViewProjector view;
    @Inject
    AccountEventsChannel accountEvents;
    @Inject
    ProcessedCommands processedCommands;
    @Inject
    MoneyRange moneyRange;

    @Override
    protected String name() {
        return "account-service";
    }

    @Override
    protected AxonRuntime.Builder assemble(AxonRuntime.Builder axon) {
        return axon.aggregate(aggregate())
                .component(MoneyRange.class, c -> moneyRange)
                .view("account-view", view)
                .outbox(List.of(KafkaOutbox.Route.everyEventTo(accountEvents::send,
                        payload -> ((AccountEvent) payload).iban())), new AxonRuntime.Publishing(
                        config.publisher().batchSize(), config.publisher().segments(), config.publisher().ackTimeout()))
                .commandInterceptor(processedCommands)
                .consumers(new AxonRuntime.Holding(config.commands().backoff(), config.commands().maxBackoff()),
                        accountEvents::deadLetter);
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
}
