package io.eventbank.transfer.messaging;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import io.eventbank.contracts.account.CreditAccountCommand;
import io.eventbank.contracts.account.DebitAccountCommand;
import io.eventbank.contracts.account.DebitAndCreditCommand;
import io.eventbank.contracts.account.RefundDebitCommand;
import io.eventbank.contracts.transfer.AccountLegRequestedEvent;
import io.eventbank.contracts.clearing.ClearingMessage;
import io.eventbank.contracts.transfer.ClearingStatusRequestedEvent;
import io.eventbank.transfer.clearing.ClearingSignatures;
import io.eventbank.contracts.transfer.StatusReportIssuedEvent;
import io.eventbank.contracts.transfer.TransferEvent;
import io.eventbank.contracts.transfer.TransferSentToClearingEvent;
import io.eventbank.infrastructure.axon.KafkaOutbox.Outgoing;
import io.eventbank.infrastructure.axon.KafkaOutbox.Route;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Where the transfer event store's events go. Every transfer event goes to {@code bank.transfer.events} (key:
 * transfer id); a requested leg also goes to {@code bank.account.commands} as the account command it stands for (key:
 * IBAN); a credit transfer, status request or status report also goes to {@code bank.clearing} (key: the bank it is
 * for), signed by the bank that sends it ({@link ClearingSignatures}). Account
 * events kept in the inbox go nowhere: they are account-service's to publish.
 */
public final class OutboxRoutes {

    private OutboxRoutes() {
    }

    public static List<Route> of(Consumer<Message<String>> transferEvents, Consumer<Message<String>> accountCommands,
            Consumer<Message<String>> clearing, ClearingSignatures signatures) {
        return List.of(
                payload -> payload instanceof TransferEvent event
                        ? Optional.of(new Outgoing(transferEvents, event.transferId(), null))
                        : Optional.empty(),
                payload -> payload instanceof AccountLegRequestedEvent leg
                        ? Optional.of(new Outgoing(accountCommands, leg.iban(), commandOf(leg)))
                        : Optional.empty(),
                payload -> payload instanceof TransferSentToClearingEvent sent
                        ? Optional.of(toClearing(clearing, sent.message(), signatures))
                        : Optional.empty(),
                payload -> payload instanceof ClearingStatusRequestedEvent asked
                        ? Optional.of(toClearing(clearing, asked.request(), signatures))
                        : Optional.empty(),
                payload -> payload instanceof StatusReportIssuedEvent issued
                        ? Optional.of(toClearing(clearing, issued.report(), signatures))
                        : Optional.empty());
    }

    /** A message to the bank it is for, signed by the bank that sends it. */
    private static Outgoing toClearing(Consumer<Message<String>> clearing, ClearingMessage message,
            ClearingSignatures signatures) {
        return new Outgoing(clearing, message.instructedBank(), message, (envelope, headers) ->
                signatures.sign(message.instructingBank(), envelope.type(), envelope.json(), headers));
    }

    /** The command to account-service that a requested leg stands for. */
    public static Object commandOf(AccountLegRequestedEvent leg) {
        return switch (leg.leg()) {
            case DEBIT -> new DebitAccountCommand(leg.iban(), leg.transferId(), leg.amount(), leg.counterpartyIban(),
                    leg.reference());
            case CREDIT -> new CreditAccountCommand(leg.iban(), leg.transferId(), leg.amount(),
                    leg.counterpartyIban(), leg.reference());
            case REFUND -> new RefundDebitCommand(leg.iban(), leg.transferId(), leg.amount(), leg.reason());
            case DEBIT_AND_CREDIT -> new DebitAndCreditCommand(leg.iban(), leg.transferId(), leg.amount(),
                    leg.counterpartyIban(), leg.reference());
        };
    }
}
