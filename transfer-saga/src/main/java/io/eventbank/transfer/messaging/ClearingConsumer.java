package io.eventbank.transfer.messaging;

import java.util.Map;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.eventbank.contracts.Clearing;
import io.eventbank.contracts.clearing.CreditTransferMessage;
import io.eventbank.contracts.clearing.PaymentStatusReport;
import io.eventbank.contracts.transfer.ReceiveCreditTransferCommand;
import io.eventbank.contracts.transfer.RecordClearingAnswerCommand;
import io.eventbank.infrastructure.axon.Envelopes;
import io.eventbank.infrastructure.axon.RequestCorrelation;
import io.eventbank.infrastructure.banks.HostedBanks;
import io.eventbank.infrastructure.kafka.Attempts;
import io.eventbank.infrastructure.kafka.CloudEventHeaders;
import io.eventbank.infrastructure.kafka.EventEnvelope;
import io.eventbank.infrastructure.kafka.MalformedMessageException;
import io.eventbank.transfer.config.AxonSetup;
import io.eventbank.transfer.config.TransferConfig;
import io.eventbank.transfer.view.TransferViews;
import io.smallrye.common.annotation.Blocking;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.serialization.Serializer;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * {@code bank.clearing} for the banks this service hosts. A credit transfer (pacs.008) starts an incoming transfer
 * whose id is {@code in-<messageId>}: a redelivered one finds it started and changes nothing. A status report
 * (pacs.002) goes to the outgoing transfer it answers, which decides: complete, refund, or record a late answer.
 */
@ApplicationScoped
public class ClearingConsumer {

    private static final Logger LOG = Logger.getLogger(ClearingConsumer.class);

    @Inject
    CommandGateway commands;
    @Inject
    Serializer serializer;
    @Inject
    TransferConfig config;
    @Inject
    AxonSetup axon;
    @Inject
    TransferViews views;

    private Envelopes envelopes;
    private HostedBanks banks;

    @PostConstruct
    void init() {
        envelopes = new Envelopes(serializer, "/eventbank/transfer-saga");
        banks = HostedBanks.parse(config.banks());
    }

    @Incoming("clearing-in")
    @Blocking
    public void receive(ConsumerRecord<String, String> record) {
        axon.awaitStarted();
        EventEnvelope envelope = CloudEventHeaders.read(record.headers(), record.value());
        Object message = envelopes.payloadOf(envelope);
        Object command;
        if (message instanceof CreditTransferMessage transfer) {
            if (!receivesFor(transfer.instructedBank())) {
                LOG.debugf("credit transfer %s is for bank %s, not hosted here", transfer.messageId(),
                        transfer.instructedBank());
                return;
            }
            if (views.find("in-" + transfer.messageId()).isPresent()) {
                LOG.debugf("credit transfer %s was received before", transfer.messageId());
                return;
            }
            command = new ReceiveCreditTransferCommand("in-" + transfer.messageId(), transfer,
                    Clearing.accountOf(transfer.instructedBank(), transfer.amount().currency()));
        } else if (message instanceof PaymentStatusReport report) {
            if (banks.byCode(report.instructedBank()).isEmpty()) {
                return;
            }
            command = new RecordClearingAnswerCommand(report.originalEndToEndId(), report);
        } else {
            throw new MalformedMessageException("not a clearing message: " + envelope.type());
        }
        new Attempts(config.inbox().attempts(), config.inbox().backoff())
                .run(envelope.simpleType() + " " + envelope.id(), () -> dispatch(envelope, command));
    }

    private boolean receivesFor(String bankCode) {
        return banks.byCode(bankCode).isPresent()
                && config.receivesFor().map(codes -> codes.contains(bankCode)).orElse(true);
    }

    private void dispatch(EventEnvelope envelope, Object command) {
        Map<String, String> metaData = Map.of(RequestCorrelation.CORRELATION_ID,
                envelope.correlationId() != null ? envelope.correlationId() : envelope.id());
        try {
            commands.sendAndWait(new GenericCommandMessage<>(new GenericMessage<>(envelope.id(), command, metaData),
                    command.getClass().getName()));
        } catch (AggregateStreamCreationException duplicate) {
            LOG.debugf("credit transfer %s was received before", envelope.id());
        } catch (AggregateNotFoundException unknown) {
            LOG.warnf("status report %s answers a transfer this service does not know; ignored", envelope.id());
        }
    }
}
