package io.eventbank.transfer.saga;

import java.time.Duration;
import java.time.Instant;

import jakarta.inject.Inject;

import io.eventbank.contracts.account.AccountCreditRejectedEvent;
import io.eventbank.contracts.account.AccountCreditedEvent;
import io.eventbank.contracts.account.AccountDebitRejectedEvent;
import io.eventbank.contracts.account.AccountDebitedEvent;
import io.eventbank.contracts.account.DebitRefundedEvent;
import io.eventbank.contracts.transfer.ClearingStatusRequestedEvent;
import io.eventbank.contracts.transfer.IncomingTransferReceivedEvent;
import io.eventbank.contracts.transfer.RecordCreditCommand;
import io.eventbank.contracts.transfer.RecordCreditRejectionCommand;
import io.eventbank.contracts.transfer.RecordDebitCommand;
import io.eventbank.contracts.transfer.RecordDebitRejectionCommand;
import io.eventbank.contracts.transfer.RecordPayeeCreditedCommand;
import io.eventbank.contracts.transfer.RecordPayeeRefusalCommand;
import io.eventbank.contracts.transfer.RecordRefundCommand;
import io.eventbank.contracts.transfer.RequestClearingStatusCommand;
import io.eventbank.contracts.transfer.TransferCompletedEvent;
import io.eventbank.contracts.transfer.TransferFailedEvent;
import io.eventbank.contracts.transfer.TransferRequestedEvent;
import io.eventbank.contracts.transfer.TransferSentToClearingEvent;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.StartSaga;

/**
 * Carries one transfer (one a client asked for, or one another bank sent) from the answers of accounts to its end. It
 * learns what accounts did from their events (which reach it through the inbox, each once) and tells the transfer's
 * aggregate ({@code MoneyTransfer} or {@code IncomingPayment}), which decides the next step. Every command it sends is
 * sent and waited for: a failure fails the event's handling, which the processor retries.
 *
 * <p>Between banks it keeps the transfer's deadline: when the receiving bank has not answered by its cut-off plus a
 * grace, it has the transfer ask for the status, and asks again while the transfer still waits, after
 * {@link #STATUS_REQUEST_INTERVAL}, twice that, and so on up to {@link #MAX_STATUS_REQUEST_INTERVAL}. It never times a transfer out by itself: only the receiving bank decides.
 *
 * <p>Only the payer's and payee's own events move it: the same transfer also moves the clearing accounts, whose
 * events it ignores.
 */
public class TransferSaga {

    public static final String CLEARING_DEADLINE = "clearing-answer";
    /** How long after the receiving bank's own cut-off the sender waits for its answer before asking. */
    public static final Duration ANSWER_GRACE = Duration.ofSeconds(5);
    /** How long the sender waits for an answer to its first status request; it doubles with each one after. */
    public static final Duration STATUS_REQUEST_INTERVAL = Duration.ofSeconds(10);
    /** The longest the sender waits between status requests. */
    public static final Duration MAX_STATUS_REQUEST_INTERVAL = Duration.ofSeconds(60);

    @Inject
    transient CommandGateway commands;
    @Inject
    transient DeadlineManager deadlines;

    private String transferId;
    private String debtorIban;
    private String creditorIban;
    private boolean incoming;
    private int statusRequests;

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
        incoming = true;
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
            commands.sendAndWait(incoming ? new RecordPayeeCreditedCommand(transferId)
                    : new RecordCreditCommand(transferId));
        }
    }

    @SagaEventHandler(associationProperty = "transferId")
    public void on(AccountCreditRejectedEvent event) {
        if (event.iban().equals(creditorIban)) {
            String reason = event.reason().name();
            commands.sendAndWait(incoming ? new RecordPayeeRefusalCommand(transferId, reason)
                    : new RecordCreditRejectionCommand(transferId, reason));
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
        schedule(event.message().acceptBefore().plus(ANSWER_GRACE));
    }

    /** Asked: ask again if no answer comes meanwhile, a little later each time (a busy bank is not flooded). */
    @SagaEventHandler(associationProperty = "transferId")
    public void on(ClearingStatusRequestedEvent event) {
        Duration wait = STATUS_REQUEST_INTERVAL.multipliedBy(1L << Math.min(statusRequests++, 10));
        schedule(event.request().createdAt().plus(wait.compareTo(MAX_STATUS_REQUEST_INTERVAL) > 0
                ? MAX_STATUS_REQUEST_INTERVAL : wait));
    }

    /**
     * Deadlines are never cancelled: cancelling one that is firing at that moment fails (db-scheduler refuses to touch
     * an executing task) and held the saga's processor up. One that fires after the answer finds the transfer past
     * asking (the aggregate changes nothing), or the saga ended.
     */
    @DeadlineHandler(deadlineName = CLEARING_DEADLINE)
    public void onClearingDeadline(String transferId) {
        commands.sendAndWait(new RequestClearingStatusCommand(transferId));
    }

    /** The deadline is left to fire: it finds the saga ended, and does nothing. */
    @EndSaga
    @SagaEventHandler(associationProperty = "transferId")
    public void on(TransferCompletedEvent event) {
        // the transfer is final
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "transferId")
    public void on(TransferFailedEvent event) {
        // the transfer is final
    }

    private void schedule(Instant at) {
        deadlines.schedule(at, CLEARING_DEADLINE, transferId);
    }
}
