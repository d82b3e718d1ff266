package io.eventbank.transfer.messaging;

import java.util.Map;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.eventbank.contracts.Clearing;
import io.eventbank.contracts.clearing.CreditTransferMessage;
import io.eventbank.contracts.clearing.PaymentStatusReport;
import io.eventbank.contracts.clearing.PaymentStatusRequest;
import io.eventbank.contracts.transfer.AnswerStatusRequestCommand;
import io.eventbank.contracts.transfer.ReceiveCreditTransferCommand;
import io.eventbank.contracts.transfer.RecordClearingAnswerCommand;
import io.eventbank.infrastructure.axon.Envelopes;
import io.eventbank.infrastructure.axon.RequestCorrelation;
import io.eventbank.infrastructure.banks.HostedBanks;
import io.eventbank.infrastructure.health.HeldRecords;
import io.eventbank.infrastructure.kafka.CloudEventHeaders;
import io.eventbank.infrastructure.kafka.EventEnvelope;
import io.eventbank.infrastructure.kafka.MalformedMessageException;
import io.eventbank.infrastructure.kafka.Retrying;
import io.eventbank.transfer.config.AxonSetup;
import io.eventbank.transfer.config.TransferConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Blocking;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.serialization.Serializer;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * {@code bank.clearing} for the banks this service hosts. A credit transfer (pacs.008) or a status request (pacs.028)
 * goes to the incoming payment it names, {@code in-<message id of the pacs.008>}, the one record that decides it: the
 * first of them fixes the outcome, later ones are answered with it. A status report (pacs.002) goes to the outgoing
 * transfer it answers, which completes or refunds. A record is tried until it is handled (the partition is held
 * meanwhile); only one that cannot be read goes to {@code bank.clearing.dlq}.
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
    HeldRecords held;

    private Envelopes envelopes;
    private HostedBanks banks;
    private Retrying retrying;

    @PostConstruct
    void init() {
        envelopes = new Envelopes(serializer, "/eventbank/transfer-saga");
        banks = HostedBanks.parse(config.banks());
        retrying = new Retrying("clearing-in", config.inbox().backoff(), config.inbox().maxBackoff(), held);
    }

    void stop(@Observes ShutdownEvent shutdown) {
        retrying.stop();
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
            command = new ReceiveCreditTransferCommand("in-" + transfer.messageId(), transfer,
                    Clearing.accountOf(transfer.instructedBank(), transfer.amount().currency()));
        } else if (message instanceof PaymentStatusRequest request) {
            if (!receivesFor(request.instructedBank())) {
                return;
            }
            command = new AnswerStatusRequestCommand("in-" + request.originalMessageId(), request);
        } else if (message instanceof PaymentStatusReport report) {
            if (banks.byCode(report.instructedBank()).isEmpty()) {
                return;
            }
            command = new RecordClearingAnswerCommand(report.originalEndToEndId(), report);
        } else {
            throw new MalformedMessageException("not a clearing message: " + envelope.type());
        }
        retrying.run(envelope.simpleType() + " " + envelope.id(), () -> dispatch(envelope, command));
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
        } catch (AggregateNotFoundException unknown) {
            LOG.warnf("status report %s answers a transfer this service does not know; ignored", envelope.id());
        }
    }
}
