package io.eventbank.transfer.saga;

import java.time.Duration;
import java.time.Instant;

import jakarta.inject.Inject;

import io.eventbank.contracts.account.AccountCreditRejectedEvent;
import io.eventbank.contracts.account.AccountCreditedEvent;
import io.eventbank.contracts.account.AccountDebitRejectedEvent;
import io.eventbank.contracts.account.AccountDebitedEvent;
import io.eventbank.contracts.account.DebitRefundedEvent;
import io.eventbank.contracts.transfer.IncomingTransferReceivedEvent;
import io.eventbank.contracts.transfer.RecordCreditCommand;
import io.eventbank.contracts.transfer.RecordCreditRejectionCommand;
import io.eventbank.contracts.transfer.RecordDebitCommand;
import io.eventbank.contracts.transfer.RecordDebitRejectionCommand;
import io.eventbank.contracts.transfer.RecordRefundCommand;
import io.eventbank.contracts.transfer.TimeOutTransferCommand;
import io.eventbank.contracts.transfer.TransferAcceptedEvent;
import io.eventbank.contracts.transfer.TransferCompletedEvent;
import io.eventbank.contracts.transfer.TransferFailedEvent;
import io.eventbank.contracts.transfer.TransferRefundingEvent;
import io.eventbank.contracts.transfer.TransferRequestedEvent;
import io.eventbank.contracts.transfer.TransferSentToClearingEvent;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.StartSaga;

/**
 * Carries one transfer from the answers of accounts to its end. It learns what accounts did from their events
 * (which reach it through the inbox, each once) and tells the {@code MoneyTransfer} aggregate, which decides the next
 * step; it keeps the transfer's deadline while the receiving bank has not answered. Every command it sends is sent
 * and waited for: a failure fails the event's handling, which the processor retries.
 *
 * <p>Only the payer's and payee's own events move it: the same transfer also moves the clearing accounts, whose
 * events it ignores.
 */
public class TransferSaga {

    public static final String CLEARING_DEADLINE = "clearing-answer";
    /** How long after the receiving bank's own cut-off the sender still waits for its answer. */
    public static final Duration ANSWER_GRACE = Duration.ofSeconds(5);

    @Inject
    transient CommandGateway commands;
    @Inject
    transient DeadlineManager deadlines;

    private String transferId;
    private String debtorIban;
    private String creditorIban;
    private String deadlineId;

    @StartSaga
    @SagaEventHandler(associationProperty = "transferId")
    public void on(TransferRequestedEvent event) {
        transferId = event.transferId();
        debtorIban = event.debtorIban();
        creditorIban = event.creditorIban();
    }

    @StartSaga
    @SagaEventHandler(associationProperty = "transferId")
    public void on(IncomingTransferReceivedEvent event) {
        transferId = event.transferId();
        debtorIban = null;
        creditorIban = event.creditorIban();
    }

    @SagaEventHandler(associationProperty = "transferId")
    public void on(AccountDebitedEvent event) {
        if (event.iban().equals(debtorIban)) {
            commands.sendAndWait(new RecordDebitCommand(transferId));
        }
    }

    @SagaEventHandler(associationProperty = "transferId")
    public void on(AccountDebitRejectedEvent event) {
        if (event.iban().equals(debtorIban)) {
            commands.sendAndWait(new RecordDebitRejectionCommand(transferId, event.reason().name()));
        }
    }

    @SagaEventHandler(associationProperty = "transferId")
    public void on(AccountCreditedEvent event) {
        if (event.iban().equals(creditorIban)) {
            commands.sendAndWait(new RecordCreditCommand(transferId));
        }
    }

    @SagaEventHandler(associationProperty = "transferId")
    public void on(AccountCreditRejectedEvent event) {
        if (event.iban().equals(creditorIban)) {
            commands.sendAndWait(new RecordCreditRejectionCommand(transferId, event.reason().name()));
        }
    }

    @SagaEventHandler(associationProperty = "transferId")
    public void on(DebitRefundedEvent event) {
        if (event.iban().equals(debtorIban)) {
            commands.sendAndWait(new RecordRefundCommand(transferId));
        }
    }

    /** The receiving bank has until its cut-off, plus a grace for the answer to travel. */
    @SagaEventHandler(associationProperty = "transferId")
    public void on(TransferSentToClearingEvent event) {
        Instant answerBy = event.message().acceptBefore().plus(ANSWER_GRACE);
        deadlineId = deadlines.schedule(answerBy, CLEARING_DEADLINE, transferId);
    }

    @SagaEventHandler(associationProperty = "transferId")
    public void on(TransferAcceptedEvent event) {
        cancelDeadline();
    }

    @SagaEventHandler(associationProperty = "transferId")
    public void on(TransferRefundingEvent event) {
        cancelDeadline();
    }

    @DeadlineHandler(deadlineName = CLEARING_DEADLINE)
    public void onClearingDeadline(String transferId) {
        deadlineId = null;
        commands.sendAndWait(new TimeOutTransferCommand(transferId));
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "transferId")
    public void on(TransferCompletedEvent event) {
        cancelDeadline();
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "transferId")
    public void on(TransferFailedEvent event) {
        cancelDeadline();
    }

    private void cancelDeadline() {
        if (deadlineId != null) {
            deadlines.cancelSchedule(CLEARING_DEADLINE, deadlineId);
            deadlineId = null;
        }
    }
}
