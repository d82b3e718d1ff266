package io.eventbank.transfer.messaging;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.eventbank.contracts.account.AccountCreditRejectedEvent;
import io.eventbank.contracts.account.AccountCreditedEvent;
import io.eventbank.contracts.account.AccountDebitRejectedEvent;
import io.eventbank.contracts.account.AccountDebitedEvent;
import io.eventbank.contracts.account.DebitRefundedEvent;
import io.eventbank.infrastructure.axon.Envelopes;
import io.eventbank.infrastructure.axon.NotFoundAsAnswer;
import io.eventbank.infrastructure.axon.Batches;
import io.eventbank.infrastructure.kafka.CloudEventHeaders;
import io.eventbank.infrastructure.kafka.EventEnvelope;
import io.eventbank.infrastructure.axon.AxonRuntime;
import io.eventbank.transfer.saga.AccountAnswers;
import io.smallrye.common.annotation.Blocking;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.axonframework.serialization.Serializer;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * The answers of accounts to the legs this service asked for, read from {@code bank.account.events}: each becomes the
 * command that tells its transfer ({@link AccountAnswers}), a poll at a time in one transaction
 * ({@link AxonRuntime#batches}). A redelivered answer changes nothing: the transfer is past that step. Other account
 * events (deposits, openings) are skipped by their type, unread. A record is tried until it is handled (the partition
 * is held meanwhile); only one that cannot be read goes to {@code bank.account.events.dlq}.
 */
@ApplicationScoped
public class AccountEventInbox {

    private static final Logger LOG = Logger.getLogger(AccountEventInbox.class);

    @Inject
    Serializer serializer;
    @Inject
    AxonRuntime axon;

    private Envelopes envelopes;
    private Batches batches;

    @PostConstruct
    void init() {
        envelopes = new Envelopes(serializer, "/eventbank/transfer-saga");
        batches = axon.batches("account-events");
    }

    @Incoming("account-events")
    @Blocking
    public void receive(ConsumerRecords<String, String> records) {
        axon.awaitStarted();
        batches.handle(records, this::handle);
    }

    private void handle(ConsumerRecord<String, String> record) {
        EventEnvelope envelope = CloudEventHeaders.read(record.headers(), record.value());
        if (!isLegResult(envelope.type())) {
            return;
        }
        AccountAnswers.commandFor(envelopes.payloadOf(envelope)).ifPresent(command -> {
            if (axon.batchCommands().sendAndWait(Envelopes.commandFor(envelope, command)) == NotFoundAsAnswer.NOT_FOUND) {
                LOG.debugf("%s %s answers a leg of a transfer that is not this service's", envelope.simpleType(),
                        envelope.id());
            }
        });
    }

    static boolean isLegResult(String type) {
        return type.equals(AccountDebitedEvent.class.getName())
                || type.equals(AccountDebitRejectedEvent.class.getName())
                || type.equals(AccountCreditedEvent.class.getName())
                || type.equals(AccountCreditRejectedEvent.class.getName())
                || type.equals(DebitRefundedEvent.class.getName());
    }
}
