package io.eventbank.transfer.messaging;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.eventbank.contracts.account.AccountCreditRejectedEvent;
import io.eventbank.contracts.account.AccountCreditedEvent;
import io.eventbank.contracts.account.AccountDebitRejectedEvent;
import io.eventbank.contracts.account.AccountDebitedEvent;
import io.eventbank.contracts.account.DebitRefundedEvent;
import io.eventbank.infrastructure.axon.CommandInbox;
import io.eventbank.infrastructure.axon.NotFoundAsAnswer;
import io.eventbank.infrastructure.axon.AxonRuntime;
import io.eventbank.transfer.saga.AccountAnswers;
import io.smallrye.common.annotation.Blocking;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * The answers of accounts to the legs this service asked for, read from {@code bank.account.events}: each becomes the
 * command that tells its transfer ({@link AccountAnswers}), a poll at a time in one transaction
 * ({@link CommandInbox}). A redelivered answer changes nothing: the transfer is past that step. Other account
 * events (deposits, openings) are skipped by their type, unread. A record is tried until it is handled (the partition
 * is held meanwhile); only one that cannot be read goes to {@code bank.account.events.dlq}.
 */
@ApplicationScoped
public class AccountEventInbox {

    private static final Logger LOG = Logger.getLogger(AccountEventInbox.class);

    @Inject
    AxonRuntime axon;

    private CommandInbox inbox;

    @PostConstruct
    void init() {
        inbox = CommandInbox.of(axon, "account-events", (envelope, record) -> isLegResult(envelope.type()));
    }

    @Incoming("account-events")
    @Blocking
    public void receive(ConsumerRecords<String, String> records) {
        inbox.receive(records, received -> AccountAnswers.commandFor(received.message()).ifPresent(command -> {
            if (inbox.send(received, command) == NotFoundAsAnswer.NOT_FOUND) {
                LOG.debugf("%s %s answers a leg of a transfer that is not this service's",
                        received.envelope().simpleType(), received.envelope().id());
            }
        }));
    }

    static boolean isLegResult(String type) {
        return type.equals(AccountDebitedEvent.class.getName())
                || type.equals(AccountDebitRejectedEvent.class.getName())
                || type.equals(AccountCreditedEvent.class.getName())
                || type.equals(AccountCreditRejectedEvent.class.getName())
                || type.equals(DebitRefundedEvent.class.getName());
    }
}
