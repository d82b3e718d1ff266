package io.eventbank.transfer.domain;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Duration;
import java.time.Instant;

import io.eventbank.contracts.Clearing;
import io.eventbank.contracts.Iban;
import io.eventbank.contracts.Money;
import io.eventbank.contracts.Texts;
import io.eventbank.contracts.clearing.ClearingStatus;
import io.eventbank.contracts.clearing.CreditTransferMessage;
import io.eventbank.contracts.clearing.PaymentStatusReport;
import io.eventbank.contracts.clearing.PaymentStatusRequest;
import io.eventbank.contracts.transfer.AccountLegRequestedEvent;
import io.eventbank.contracts.transfer.ClearingStatusRequestedEvent;
import io.eventbank.contracts.transfer.LateClearingAnswerRecordedEvent;
import io.eventbank.contracts.transfer.Leg;
import io.eventbank.contracts.transfer.RecordClearingAnswerCommand;
import io.eventbank.contracts.transfer.RecordCreditCommand;
import io.eventbank.contracts.transfer.RecordCreditRejectionCommand;
import io.eventbank.contracts.transfer.RecordDebitCommand;
import io.eventbank.contracts.transfer.RecordDebitRejectionCommand;
import io.eventbank.contracts.transfer.RecordRefundCommand;
import io.eventbank.contracts.transfer.RequestClearingStatusCommand;
import io.eventbank.contracts.transfer.RequestTransferCommand;
import io.eventbank.contracts.transfer.ResumeTransferCommand;
import io.eventbank.contracts.transfer.TransferAcceptedEvent;
import io.eventbank.contracts.transfer.TransferCompletedEvent;
import io.eventbank.contracts.transfer.TransferCreditedEvent;
import io.eventbank.contracts.transfer.TransferDebitedEvent;
import io.eventbank.contracts.transfer.TransferFailedEvent;
import io.eventbank.contracts.transfer.TransferRefundingEvent;
import io.eventbank.contracts.transfer.TransferRequestedEvent;
import io.eventbank.contracts.transfer.TransferSentToClearingEvent;
import io.eventbank.contracts.transfer.TransferStatus;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

/**
 * A transfer a client asked for, and its state machine. Each step it takes records what happened and what must happen
 * next: an {@link AccountLegRequestedEvent} becomes a command to account-service, a {@link TransferSentToClearingEvent}
 * a credit transfer (pacs.008) and a {@link ClearingStatusRequestedEvent} a status request (pacs.028) to the receiving
 * bank, all through the outbox. A command that does not fit the state (a duplicate, a late answer) changes nothing.
 *
 * <p>Between banks, the receiving bank alone decides whether a payment happened ({@code IncomingPayment}). When its
 * answer is overdue, this transfer does not decide for it: it waits, visibly (AWAITING_STATUS), asks, and goes on
 * asking; it completes on ACSC and refunds the payer only on RJCT. So the payer is never refunded for a payment the
 * payee was credited with.
 */
public class MoneyTransfer {

    public static final String REJECTED_BY_CLEARING = "REJECTED_BY_CLEARING";
    public static final String TIMED_OUT = "TIMED_OUT";
    /** The receiving bank's reason code for a credit transfer it did not accept before the cut-off. */
    public static final String TIMEOUT_REASON_CODE = "AB05";

    @AggregateIdentifier
    private String transferId;
    private TransferStatus status;
    private String debtorIban;
    private String creditorIban;
    private Money amount;
    private String reference;
    private boolean interbank;
    private String debtorBic;
    private String creditorBic;
    private Duration clearingTimeout;
    private String clearingIban;
    private String refundReason;
    private CreditTransferMessage sent;
    private int statusRequests;

    protected MoneyTransfer() {
        // for Axon
    }

    @CommandHandler
    public MoneyTransfer(RequestTransferCommand command) {
        require(Iban.isValid(command.debtorIban()) && Iban.isValid(command.creditorIban()), "invalid IBAN");
        require(!command.debtorIban().equals(command.creditorIban()), "a transfer needs two different accounts");
        require(command.amount() != null && command.amount().isPositive(), "a transfer moves a positive amount");
        require(!Clearing.isClearingAccount(command.debtorIban()) && !Clearing.isClearingAccount(command.creditorIban()),
                "a bank's clearing account takes no part in a customer's transfer");
        require(Texts.isAcceptable(command.reference(), Texts.MAX_LENGTH), "the reference is not acceptable text");
        apply(new TransferRequestedEvent(command.transferId(), command.idempotencyKey(), command.debtorIban(),
                command.creditorIban(), command.amount(), command.reference(), command.interbank(),
                command.debtorBic(), command.creditorBic(), command.clearingTimeout()));
        apply(new AccountLegRequestedEvent(command.transferId(), Leg.DEBIT, command.debtorIban(), command.amount(),
                command.creditorIban(), command.reference(), null));
    }

    @CommandHandler
    public boolean handle(RecordDebitCommand command) {
        if (status != TransferStatus.REQUESTED) {
            return false;
        }
        apply(new TransferDebitedEvent(transferId));
        if (!interbank) {
            apply(new AccountLegRequestedEvent(transferId, Leg.CREDIT, creditorIban, amount, debtorIban, reference,
                    null));
            return true;
        }
        apply(new AccountLegRequestedEvent(transferId, Leg.CREDIT, clearingIban, amount, creditorIban, reference,
                null));
        apply(new TransferSentToClearingEvent(transferId, creditTransferMessage()));
        return true;
    }

    @CommandHandler
    public boolean handle(RecordDebitRejectionCommand command) {
        if (status != TransferStatus.REQUESTED) {
            return false;
        }
        apply(new TransferFailedEvent(transferId, command.reason()));
        return true;
    }

    @CommandHandler
    public boolean handle(RecordCreditCommand command) {
        if (interbank || status != TransferStatus.DEBITED) {
            return false;
        }
        apply(new TransferCreditedEvent(transferId));
        apply(new TransferCompletedEvent(transferId));
        return true;
    }

    @CommandHandler
    public boolean handle(RecordCreditRejectionCommand command) {
        if (interbank || status != TransferStatus.DEBITED) {
            return false;
        }
        refund(command.reason());
        return true;
    }

    /**
     * The receiving bank's answer (pacs.002), final: ACSC completes the transfer, RJCT refunds the payer and takes the
     * money back from this bank's clearing account. The same answer again changes nothing; a contradicting one cannot
     * come from a receiving bank that keeps to the protocol, and is recorded (moving no money) for operators.
     */
    @CommandHandler
    public boolean handle(RecordClearingAnswerCommand command) {
        PaymentStatusReport report = command.report();
        if (!interbank || status == TransferStatus.REQUESTED || status == TransferStatus.DEBITED) {
            return false;
        }
        if (status == TransferStatus.SENT_TO_CLEARING || status == TransferStatus.AWAITING_STATUS) {
            if (report.status() == ClearingStatus.ACSC) {
                apply(new TransferAcceptedEvent(transferId, report.messageId()));
                apply(new TransferCompletedEvent(transferId));
            } else {
                String reason = TIMEOUT_REASON_CODE.equals(report.reasonCode()) ? TIMED_OUT : REJECTED_BY_CLEARING;
                refund(reason);
                apply(new AccountLegRequestedEvent(transferId, Leg.DEBIT, clearingIban, amount, creditorIban,
                        reference, reason + " " + report.reasonCode()));
            }
            return true;
        }
        boolean accepted = refundReason == null;
        boolean sameAnswer = (report.status() == ClearingStatus.ACSC) == accepted;
        if (!sameAnswer) {
            apply(new LateClearingAnswerRecordedEvent(transferId, report.messageId(), report.status().name(),
                    report.reasonCode()));
        }
        return false;
    }

    /** The answer is overdue: ask the receiving bank (again). */
    @CommandHandler
    public boolean handle(RequestClearingStatusCommand command) {
        if (status != TransferStatus.SENT_TO_CLEARING && status != TransferStatus.AWAITING_STATUS) {
            return false;
        }
        apply(new ClearingStatusRequestedEvent(transferId, new PaymentStatusRequest(
                transferId + "-pacs028-" + (statusRequests + 1), sent.messageId(), sent.endToEndId(),
                sent.instructingBank(), sent.instructedBank(), now())));
        return true;
    }

    /**
     * The transfer has waited long: ask again for what it waits for. An account's leg is requested once more (the
     * account counts it once, and publishes its outcome again); the receiving bank is asked once its cut-off is past.
     */
    @CommandHandler
    public boolean handle(ResumeTransferCommand command) {
        switch (status) {
            case REQUESTED -> apply(new AccountLegRequestedEvent(transferId, Leg.DEBIT, debtorIban, amount,
                    creditorIban, reference, null));
            case DEBITED -> apply(new AccountLegRequestedEvent(transferId, Leg.CREDIT, creditorIban, amount,
                    debtorIban, reference, null));
            case REFUNDING -> apply(new AccountLegRequestedEvent(transferId, Leg.REFUND, debtorIban, amount,
                    creditorIban, reference, refundReason));
            case SENT_TO_CLEARING, AWAITING_STATUS -> {
                if (now().isBefore(sent.acceptBefore())) {
                    return false;
                }
                return handle(new RequestClearingStatusCommand(transferId));
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    @CommandHandler
    public boolean handle(RecordRefundCommand command) {
        if (status != TransferStatus.REFUNDING) {
            return false;
        }
        apply(new TransferFailedEvent(transferId, refundReason));
        return true;
    }

    private void refund(String reason) {
        apply(new TransferRefundingEvent(transferId, reason));
        apply(new AccountLegRequestedEvent(transferId, Leg.REFUND, debtorIban, amount, creditorIban, reference,
                reason));
    }

    private CreditTransferMessage creditTransferMessage() {
        Instant createdAt = now();
        Duration timeout = clearingTimeout == null ? Duration.ofSeconds(30) : clearingTimeout;
        return new CreditTransferMessage(transferId + "-pacs008", transferId, amount, debtorIban, debtorBic,
                creditorIban, creditorBic, reference, Iban.bankCodeOf(debtorIban), Iban.bankCodeOf(creditorIban),
                createdAt, createdAt.plus(timeout));
    }

    private static Instant now() {
        return GenericEventMessage.clock.instant();
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    @EventSourcingHandler
    void on(TransferRequestedEvent event) {
        transferId = event.transferId();
        status = TransferStatus.REQUESTED;
        debtorIban = event.debtorIban();
        creditorIban = event.creditorIban();
        amount = event.amount();
        reference = event.reference();
        interbank = event.interbank();
        debtorBic = event.debtorBic();
        creditorBic = event.creditorBic();
        clearingTimeout = event.clearingTimeout();
        clearingIban = interbank ? Clearing.accountOf(Iban.bankCodeOf(debtorIban), amount.currency()) : null;
    }

    @EventSourcingHandler
    void on(TransferDebitedEvent event) {
        status = TransferStatus.DEBITED;
    }

    @EventSourcingHandler
    void on(TransferSentToClearingEvent event) {
        status = TransferStatus.SENT_TO_CLEARING;
        sent = event.message();
    }

    @EventSourcingHandler
    void on(ClearingStatusRequestedEvent event) {
        status = TransferStatus.AWAITING_STATUS;
        statusRequests++;
    }

    @EventSourcingHandler
    void on(TransferCreditedEvent event) {
        status = TransferStatus.CREDITED;
    }

    @EventSourcingHandler
    void on(TransferAcceptedEvent event) {
        status = TransferStatus.ACCEPTED;
    }

    @EventSourcingHandler
    void on(TransferRefundingEvent event) {
        status = TransferStatus.REFUNDING;
        refundReason = event.reason();
    }

    @EventSourcingHandler
    void on(TransferCompletedEvent event) {
        status = TransferStatus.COMPLETED;
    }

    @EventSourcingHandler
    void on(TransferFailedEvent event) {
        status = TransferStatus.FAILED;
    }
}
