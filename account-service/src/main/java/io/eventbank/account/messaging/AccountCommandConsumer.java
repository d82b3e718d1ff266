package io.eventbank.account.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.eventbank.account.application.ProcessedCommands;
import io.eventbank.account.config.AccountConfig;
import io.eventbank.account.config.AxonSetup;
import io.eventbank.account.domain.Outcome;
import io.eventbank.contracts.account.AccountCommand;
import io.eventbank.contracts.account.AccountCreditRejectedEvent;
import io.eventbank.contracts.account.AccountDebitRejectedEvent;
import io.eventbank.contracts.account.AccountRefusal;
import io.eventbank.contracts.account.CreditAccountCommand;
import io.eventbank.contracts.account.DebitAccountCommand;
import io.eventbank.contracts.account.RefundDebitCommand;
import io.eventbank.infrastructure.axon.Envelopes;
import io.eventbank.infrastructure.axon.RequestCorrelation;
import io.eventbank.infrastructure.health.HeldRecords;
import io.eventbank.infrastructure.kafka.CloudEventHeaders;
import io.eventbank.infrastructure.kafka.EventEnvelope;
import io.eventbank.infrastructure.kafka.MalformedMessageException;
import io.eventbank.infrastructure.kafka.Retrying;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Blocking;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.serialization.Serializer;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * The legs of transfers, consumed from {@code bank.account.commands} (key: IBAN, so one account's legs arrive in
 * order) and handed to the aggregate; their events reach Kafka through the outbox. Each leg counts once for good
 * ({@link ProcessedCommands}); a leg for an account that does not exist becomes a rejection event, recorded like any
 * other outcome, so that the saga can react and a later account with that IBAN never sees the leg. The offset is
 * committed after handling (at least once).
 *
 * <p>A leg is never given up for a technical reason: while the database is away, or anything else fails, the
 * consumer holds the partition and tries again until it succeeds ({@link Retrying}). Only a record that cannot be
 * read goes to {@code bank.account.commands.dlq}. A leg that comes again well after it was handled (the saga re-issues
 * a leg it has had no answer to) gets its outcome published once more, with the event's own id, so that the saga
 * learns it even if the first publication never reached it.
 */
@ApplicationScoped
public class AccountCommandConsumer {

    private static final Logger LOG = Logger.getLogger(AccountCommandConsumer.class);

    @Inject
    CommandGateway commands;
    @Inject
    EventStore eventStore;
    @Inject
    TransactionManager transactions;
    @Inject
    Serializer serializer;
    @Inject
    AccountConfig config;
    @Inject
    AxonSetup axon;
    @Inject
    ProcessedCommands processed;
    @Inject
    HeldRecords held;

    private Envelopes envelopes;
    private Retrying retrying;

    @PostConstruct
    void init() {
        envelopes = new Envelopes(serializer, "/eventbank/account-service");
        retrying = new Retrying("account-commands", config.commands().backoff(), config.commands().maxBackoff(),
                held);
    }

    void stop(@Observes ShutdownEvent shutdown) {
        retrying.stop();
    }

    @Incoming("account-commands")
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        axon.awaitStarted();
        EventEnvelope envelope = CloudEventHeaders.read(record.headers(), record.value());
        Object command = envelopes.payloadOf(envelope);
        if (!(command instanceof DebitAccountCommand || command instanceof CreditAccountCommand
                || command instanceof RefundDebitCommand)) {
            throw new MalformedMessageException("only transfer legs travel on bank.account.commands, not "
                    + envelope.type());
        }
        retrying.run(envelope.simpleType() + " " + envelope.id(), () -> handle(envelope, (AccountCommand) command));
    }

    private void handle(EventEnvelope envelope, AccountCommand command) {
        Map<String, String> metaData = Map.of(RequestCorrelation.CORRELATION_ID,
                envelope.correlationId() != null ? envelope.correlationId() : envelope.id());
        Outcome outcome;
        try {
            outcome = commands.sendAndWait(new GenericCommandMessage<>(
                    new GenericMessage<>(envelope.id(), command, metaData), command.getClass().getName()));
        } catch (AggregateNotFoundException e) {
            rejectForUnknownAccount(envelope, command);
            return;
        }
        if (outcome.repeated()) {
            LOG.debugf("%s %s was handled before; nothing changed", envelope.simpleType(), envelope.id());
            republishIfLongAgo(ProcessedCommands.keyOf(command).orElseThrow());
        } else if (!outcome.accepted() && command instanceof RefundDebitCommand refund) {
            LOG.warnf("refund of transfer %s to %s refused: %s", refund.transferId(), refund.iban(),
                    outcome.refusal());
        }
    }

    /**
     * No aggregate to hold the refusal: the rejection is published on the event store (so it reaches Kafka too) and
     * recorded as the leg's outcome, in one transaction.
     */
    private void rejectForUnknownAccount(EventEnvelope envelope, AccountCommand command) {
        Object rejection;
        long amount;
        if (command instanceof DebitAccountCommand debit) {
            rejection = new AccountDebitRejectedEvent(debit.iban(), debit.transferId(), debit.amount(),
                    AccountRefusal.UNKNOWN_ACCOUNT);
            amount = debit.amount().minorUnits();
        } else if (command instanceof CreditAccountCommand credit) {
            rejection = new AccountCreditRejectedEvent(credit.iban(), credit.transferId(), credit.amount(),
                    AccountRefusal.UNKNOWN_ACCOUNT);
            amount = credit.amount().minorUnits();
        } else {
            throw new MalformedMessageException("a refund for an account that does not exist: " + command.iban());
        }
        var event = GenericEventMessage.asEventMessage(rejection).andMetaData(Map.of(
                RequestCorrelation.CORRELATION_ID,
                envelope.correlationId() != null ? envelope.correlationId() : envelope.id(),
                RequestCorrelation.CAUSATION_ID, envelope.id()));
        ProcessedCommands.Key key = ProcessedCommands.keyOf(command).orElseThrow();
        transactions.executeInTransaction(() -> {
            if (processed.find(key).isEmpty()) {
                eventStore.publish(event);
                // stored like any event that is no aggregate's: under its own id, at sequence 0
                processed.record(key, Outcome.refused(AccountRefusal.UNKNOWN_ACCOUNT, 0, 0L), amount,
                        event.getIdentifier());
            }
        });
    }

    /** The outcome's event, published again when the leg comes long after it was handled. */
    private void republishIfLongAgo(ProcessedCommands.Key key) {
        processed.find(key).ifPresent(recorded -> {
            Duration age = Duration.between(recorded.at(), Instant.now());
            if (recorded.outcomeAggregate() == null || recorded.outcomeSequence() == null
                    || age.compareTo(config.commands().republishAfter()) < 0) {
                return;
            }
            var events = eventStore.readEvents(recorded.outcomeAggregate(), recorded.outcomeSequence());
            while (events.hasNext()) {
                DomainEventMessage<?> event = events.next();
                if (event.getSequenceNumber() == recorded.outcomeSequence()) {
                    axon.outbox().publishNow(event);
                    LOG.infof("leg %s came again %d s after it was handled: published its outcome %s again", key,
                            age.toSeconds(), event.getIdentifier());
                    return;
                }
            }
        });
    }
}
