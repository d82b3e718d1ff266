package io.eventbank.account.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.eventbank.account.application.ProcessedCommands;
import io.eventbank.account.config.AccountConfig;
import io.eventbank.infrastructure.axon.AxonRuntime;
import io.eventbank.infrastructure.axon.CommandInbox;
import io.eventbank.account.domain.LegNotTakenException;
import io.eventbank.account.domain.Outcome;
import io.eventbank.contracts.account.AccountCommand;
import io.eventbank.contracts.account.CreditAccountCommand;
import io.eventbank.contracts.Clearing;
import io.eventbank.contracts.account.DebitAccountCommand;
import io.eventbank.contracts.account.DebitAndCreditCommand;
import io.eventbank.contracts.account.RefundDebitCommand;
import io.eventbank.infrastructure.kafka.EventEnvelope;
import io.eventbank.infrastructure.kafka.MalformedMessageException;
import io.smallrye.common.annotation.Blocking;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * The legs of transfers, consumed from {@code bank.account.commands} (key: IBAN, so one account's legs arrive in
 * order) and handed to the aggregate; their events reach Kafka through the outbox. Each leg counts once for good
 * ({@link ProcessedCommands}); a leg for an account that does not exist becomes a rejection event, recorded like any
 * other outcome, so that the saga can react and a later account with that IBAN never sees the leg. The offset is
 * committed after handling (at least once).
 *
 * <p>Legs come a poll at a time, handled in one transaction ({@link CommandInbox}): a busy account-service commits once
 * for hundreds of legs. A leg is never given up for a technical reason: while the database is away, or anything else
 * fails, the consumer holds the partition and tries again until it succeeds. Only a record that cannot be read goes
 * to {@code bank.account.commands.dlq}, and a leg a clearing account can neither take nor refuse (its balance would
 * overflow; {@link LegNotTakenException}): parked there, never dropped. A transfer within one bank sends both its legs in one command
 * ({@link DebitAndCreditCommand}): the payee is credited in the transaction that debited the payer. A leg that comes
 * again well after it was handled (the saga re-issues a leg it has had no answer to) gets its outcome published once
 * more, with the event's own id, so that the saga learns it even if the first publication never reached it.
 */
@ApplicationScoped
public class AccountCommandConsumer {

    private static final Logger LOG = Logger.getLogger(AccountCommandConsumer.class);

    @Inject
    EventStore eventStore;
    @Inject
    AccountConfig config;
    @Inject
    AxonRuntime axon;
    @Inject
    ProcessedCommands processed;

    private CommandInbox inbox;

    @PostConstruct
    void init() {
        inbox = CommandInbox.of(axon, "account-commands", (envelope, record) -> true, this::expect);
    }

    @Incoming("account-commands")
    @Blocking
    public void consume(ConsumerRecords<String, String> records) {
        inbox.receive(records, this::handle);
    }

    /**
     * Has the rows of a unit of work's legs read in one statement ({@link ProcessedCommands#expect}); it never fails
     * on a record (a preparation that failed would be tried again for good), what a record lacks its handling says.
     */
    private void expect(List<CommandInbox.Received> legs) {
        List<ProcessedCommands.Key> keys = new ArrayList<>();
        for (CommandInbox.Received leg : legs) {
            if (leg.message() instanceof DebitAndCreditCommand both) {
                ProcessedCommands.keyOf(both.debit()).ifPresent(keys::add);
                ProcessedCommands.keyOf(both.credit()).ifPresent(keys::add);
            } else {
                ProcessedCommands.keyOf(leg.message()).ifPresent(keys::add);
            }
        }
        processed.expect(keys);
    }

    private void handle(CommandInbox.Received leg) {
        Object command = leg.message();
        if (command instanceof DebitAndCreditCommand both) {
            handle(leg, both);
            return;
        }
        if (!(command instanceof DebitAccountCommand || command instanceof CreditAccountCommand
                || command instanceof RefundDebitCommand)) {
            throw new MalformedMessageException("only transfer legs travel on bank.account.commands, not "
                    + leg.envelope().type());
        }
        handle(leg, (AccountCommand) command);
    }

    /**
     * Both legs of a transfer within one bank: the payee is credited only if the payer's debit is taken, in the same
     * transaction (the poll's), so the two are done together or not at all. Each leg counts once by its own key, as if
     * it had come alone: a repeat changes nothing and, long after, publishes its outcome again.
     */
    private void handle(CommandInbox.Received leg, DebitAndCreditCommand both) {
        if (!Clearing.isBetweenCustomersOfOneBank(both.iban(), both.creditorIban())) {
            throw new MalformedMessageException("both legs in one command move money between two customer accounts"
                    + " of one bank");
        }
        if (handle(leg, both.debit()).accepted()) {
            handle(leg, both.credit());
        }
    }

    private Outcome handle(CommandInbox.Received leg, AccountCommand command) {
        EventEnvelope envelope = leg.envelope();
        Outcome outcome;
        try {
            outcome = inbox.send(leg, command);
        } catch (LegNotTakenException parked) {
            LOG.errorf("PARKED: %s %s for %s can be neither taken nor refused (%s); it goes to the dead-letter topic,"
                    + " and the verification fails until an operator re-drives it", envelope.simpleType(),
                    envelope.id(), command.iban(), parked.getMessage());
            throw new MalformedMessageException("parked: " + parked.getMessage(), parked);
        }
        if (outcome.repeated()) {
            LOG.debugf("%s %s was handled before; nothing changed", envelope.simpleType(), envelope.id());
            republishIfLongAgo(ProcessedCommands.keyOf(command).orElseThrow());
        } else if (!outcome.accepted() && command instanceof RefundDebitCommand refund) {
            LOG.warnf("refund of transfer %s to %s refused: %s", refund.transferId(), refund.iban(),
                    outcome.refusal());
        }
        return outcome;
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
