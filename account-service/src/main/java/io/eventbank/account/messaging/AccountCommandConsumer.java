package io.eventbank.account.messaging;

import java.util.Map;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

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
import io.eventbank.infrastructure.kafka.Attempts;
import io.eventbank.infrastructure.kafka.CloudEventHeaders;
import io.eventbank.infrastructure.kafka.EventEnvelope;
import io.eventbank.infrastructure.kafka.MalformedMessageException;
import io.smallrye.common.annotation.Blocking;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.serialization.Serializer;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * The legs of transfers, consumed from {@code bank.account.commands} (key: IBAN, so one account's legs arrive in
 * order) and handed to the aggregate; their events reach Kafka through the outbox. A leg for an account that does not
 * exist becomes a rejection event, so that the saga can react. The aggregate counts each leg once per transfer, so a
 * redelivered record changes nothing (the offset is committed after handling: at least once). A record that cannot
 * be read goes to {@code bank.account.commands.dlq} at once; one that keeps failing for a technical reason goes
 * there after a bounded number of attempts; either way the stream goes on.
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

    private Envelopes envelopes;

    @PostConstruct
    void init() {
        envelopes = new Envelopes(serializer, "/eventbank/account-service");
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
        new Attempts(config.commands().attempts(), config.commands().backoff())
                .run(envelope.simpleType() + " " + envelope.id(), () -> handle(envelope, (AccountCommand) command));
    }

    private void handle(EventEnvelope envelope, AccountCommand command) {
        Map<String, String> metaData = Map.of(RequestCorrelation.CORRELATION_ID,
                envelope.correlationId() != null ? envelope.correlationId() : envelope.id());
        try {
            Outcome outcome = commands.sendAndWait(new GenericCommandMessage<>(
                    new GenericMessage<>(envelope.id(), command, metaData), command.getClass().getName()));
            if (outcome.repeated()) {
                LOG.debugf("%s %s was handled before; nothing changed", envelope.simpleType(), envelope.id());
            } else if (!outcome.accepted() && command instanceof RefundDebitCommand refund) {
                LOG.warnf("refund of transfer %s to %s refused: %s", refund.transferId(), refund.iban(),
                        outcome.refusal());
            }
        } catch (AggregateNotFoundException e) {
            rejectForUnknownAccount(envelope, command);
        }
    }

    /** No aggregate to hold the refusal: the rejection is published on the event store, so it reaches Kafka too. */
    private void rejectForUnknownAccount(EventEnvelope envelope, AccountCommand command) {
        Object rejection;
        if (command instanceof DebitAccountCommand debit) {
            rejection = new AccountDebitRejectedEvent(debit.iban(), debit.transferId(), debit.amount(),
                    AccountRefusal.UNKNOWN_ACCOUNT);
        } else if (command instanceof CreditAccountCommand credit) {
            rejection = new AccountCreditRejectedEvent(credit.iban(), credit.transferId(), credit.amount(),
                    AccountRefusal.UNKNOWN_ACCOUNT);
        } else {
            throw new MalformedMessageException("a refund for an account that does not exist: " + command.iban());
        }
        var event = GenericEventMessage.asEventMessage(rejection).andMetaData(Map.of(
                RequestCorrelation.CORRELATION_ID,
                envelope.correlationId() != null ? envelope.correlationId() : envelope.id(),
                RequestCorrelation.CAUSATION_ID, envelope.id()));
        transactions.executeInTransaction(() -> eventStore.publish(event));
    }
}
