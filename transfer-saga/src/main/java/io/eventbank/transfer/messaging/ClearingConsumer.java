package io.eventbank.transfer.messaging;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.eventbank.contracts.clearing.CreditTransferMessage;
import io.eventbank.contracts.clearing.PaymentStatusReport;
import io.eventbank.contracts.clearing.PaymentStatusRequest;
import io.eventbank.infrastructure.axon.CommandInbox;
import io.eventbank.infrastructure.axon.NotFoundAsAnswer;
import io.eventbank.infrastructure.banks.HostedBanks;
import io.eventbank.infrastructure.kafka.EventEnvelope;
import io.eventbank.infrastructure.kafka.MalformedMessageException;
import io.eventbank.infrastructure.axon.AxonRuntime;
import io.eventbank.transfer.config.TransferConfig;
import io.eventbank.infrastructure.json.Json;
import io.eventbank.transfer.clearing.ClearingSignatures;
import io.eventbank.transfer.domain.AnswerStatusRequestCommand;
import io.eventbank.transfer.domain.ForeignClearingMessageException;
import io.eventbank.transfer.domain.IncomingPayment;
import io.eventbank.transfer.domain.ReceiveCreditTransferCommand;
import io.eventbank.transfer.domain.RecordClearingAnswerCommand;
import io.smallrye.common.annotation.Blocking;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * {@code bank.clearing} for the banks this service hosts, a poll at a time in one transaction. A credit transfer
 * (pacs.008) or a status request (pacs.028) goes to the incoming payment it names ({@link IncomingPayment#idOf}), the
 * one record that decides it: the first of them fixes the outcome, later ones are answered with it. A status report
 * (pacs.002) goes to the outgoing transfer it answers, which completes or refunds. Every message must be signed by the
 * bank it says it comes from ({@link ClearingSignatures}), and a status report must answer the credit transfer its
 * transfer sent, from the bank it was sent to; a status request about a payment must come from the bank that sent
 * it. A record is tried until it is handled (the partition is held meanwhile); one that cannot be read, or is refused,
 * goes to {@code bank.clearing.dlq} with the reason, and changes nothing.
 */
@ApplicationScoped
public class ClearingConsumer {

    private static final Logger LOG = Logger.getLogger(ClearingConsumer.class);

    @Inject
    TransferConfig config;
    @Inject
    AxonRuntime axon;
    @Inject
    ClearingSignatures signatures;

    private HostedBanks banks;
    private CommandInbox inbox;

    @PostConstruct
    void init() {
        banks = HostedBanks.parse(config.banks());
        inbox = CommandInbox.of(axon, "clearing-in", this::verified);
    }

    @Incoming("clearing-in")
    @Blocking
    public void receive(ConsumerRecords<String, String> records) {
        inbox.receive(records, this::handle);
    }

    private void handle(CommandInbox.Received received) {
        EventEnvelope envelope = received.envelope();
        Object message = received.message();
        Object command;
        if (message instanceof CreditTransferMessage transfer) {
            if (!receivesFor(transfer.instructedBank())) {
                LOG.debugf("credit transfer %s is for bank %s, not hosted here", transfer.messageId(),
                        transfer.instructedBank());
                return;
            }
            command = new ReceiveCreditTransferCommand(IncomingPayment.idOf(transfer.messageId()), transfer);
        } else if (message instanceof PaymentStatusRequest request) {
            if (!receivesFor(request.instructedBank())) {
                return;
            }
            command = new AnswerStatusRequestCommand(IncomingPayment.idOf(request.originalMessageId()), request);
        } else if (message instanceof PaymentStatusReport report) {
            if (banks.byCode(report.instructedBank()).isEmpty()) {
                return;
            }
            command = new RecordClearingAnswerCommand(report.originalEndToEndId(), report);
        } else {
            throw new MalformedMessageException("not a clearing message: " + envelope.type());
        }
        Object outcome;
        try {
            outcome = inbox.send(received, command);
        } catch (ForeignClearingMessageException foreign) {
            throw refused(envelope, foreign.getMessage());
        }
        if (outcome == NotFoundAsAnswer.NOT_FOUND) {
            throw refused(envelope, "it answers a transfer this service never sent");
        }
    }

    /**
     * Refuses a message its claimed sender did not sign (no signature, another bank's, or over another body): read
     * for its sender alone before anything else is read of it.
     */
    private boolean verified(EventEnvelope envelope, ConsumerRecord<String, String> record) {
        String sender;
        try {
            sender = Json.mapper().readTree(record.value()).path("instructingBank").asText(null);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new MalformedMessageException("not a clearing message: " + e.getOriginalMessage());
        }
        try {
            signatures.verify(sender, envelope.type(), record.value(), record.headers());
        } catch (ClearingSignatures.Refused unsigned) {
            throw refused(envelope, unsigned.getMessage());
        }
        return true;
    }

    /** A message refused and parked (the dead-letter topic, with the reason), loudly. */
    private static MalformedMessageException refused(EventEnvelope envelope, String reason) {
        LOG.errorf("REFUSED: clearing message %s (%s) is parked: %s", envelope.id(), envelope.simpleType(), reason);
        return new MalformedMessageException("refused: " + reason);
    }

    private boolean receivesFor(String bankCode) {
        return banks.byCode(bankCode).isPresent()
                && config.receivesFor().map(codes -> codes.contains(bankCode)).orElse(true);
    }
}
