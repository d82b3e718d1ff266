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
import io.eventbank.contracts.transfer.AccountLegRequestedEvent;
import io.eventbank.contracts.transfer.IncomingTransferReceivedEvent;
import io.eventbank.contracts.transfer.LateClearingAnswerRecordedEvent;
import io.eventbank.contracts.transfer.Leg;
import io.eventbank.contracts.transfer.ReceiveCreditTransferCommand;
import io.eventbank.contracts.transfer.RecordClearingAnswerCommand;
import io.eventbank.contracts.transfer.RecordCreditCommand;
import io.eventbank.contracts.transfer.RecordCreditRejectionCommand;
import io.eventbank.contracts.transfer.RecordDebitCommand;
import io.eventbank.contracts.transfer.RecordDebitRejectionCommand;
import io.eventbank.contracts.transfer.RecordRefundCommand;
import io.eventbank.contracts.transfer.RequestTransferCommand;
import io.eventbank.contracts.transfer.StatusReportIssuedEvent;
import io.eventbank.contracts.transfer.TimeOutTransferCommand;
import io.eventbank.contracts.transfer.TransferAcceptedEvent;
import io.eventbank.contracts.transfer.TransferCompletedEvent;
import io.eventbank.contracts.transfer.TransferCreditedEvent;
import io.eventbank.contracts.transfer.TransferDebitedEvent;
import io.eventbank.contracts.transfer.TransferDirection;
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
 * A transfer and its state machine. Each step it takes records what happened and what must happen next: an
 * {@link AccountLegRequestedEvent} becomes a command to account-service, a {@link TransferSentToClearingEvent} or
 * {@link StatusReportIssuedEvent} a clearing message, all through the outbox. A command that does not fit the state
 * (a duplicate, a late answer) changes nothing, except a clearing answer after the end, which is recorded.
 */
public class MoneyTransfer {

    public static final String REJECTED_BY_CLEARING = "REJECTED_BY_CLEARING";
    public static final String TIMED_OUT = "TIMED_OUT";

    @AggregateIdentifier
    private String transferId;
    private TransferDirection direction;
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
    private IncomingTransferReceivedEvent incoming;

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

    /** A credit transfer from another bank: credit the payee, unless it came too late to be accepted. */
    @CommandHandler
    public MoneyTransfer(ReceiveCreditTransferCommand command) {
        CreditTransferMessage message = command.message();
        apply(new IncomingTransferReceivedEvent(command.transferId(), message.messageId(), message.endToEndId(),
                message.debtorIban(), message.debtorBic(), message.creditorIban(), message.amount(),
                message.remittanceInformation(), message.instructingBank(), message.instructedBank(),
                message.acceptBefore()));
        if (message.acceptBefore() != null && now().isAfter(message.acceptBefore())) {
            // applied events take effect once the constructor is done: name the transfer explicitly
            apply(new StatusReportIssuedEvent(command.transferId(), new PaymentStatusReport(
                    command.transferId() + "-pacs002", message.messageId(), message.endToEndId(), ClearingStatus.RJCT,
                    "AB05", message.instructedBank(), message.instructingBank(), now())));
            apply(new TransferFailedEvent(command.transferId(), TIMED_OUT));
            return;
        }
        apply(new AccountLegRequestedEvent(command.transferId(), Leg.CREDIT, message.creditorIban(),
                message.amount(), message.debtorIban(), message.remittanceInformation(), null));
    }

    @CommandHandler
    public boolean handle(RecordDebitCommand command) {
        if (direction != TransferDirection.OUTGOING || status != TransferStatus.REQUESTED) {
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
        if (status != TransferStatus.REQUESTED || direction != TransferDirection.OUTGOING) {
            return false;
        }
        apply(new TransferFailedEvent(transferId, command.reason()));
        return true;
    }

    @CommandHandler
    public boolean handle(RecordCreditCommand command) {
        if (direction == TransferDirection.OUTGOING && !interbank && status == TransferStatus.DEBITED) {
            apply(new TransferCreditedEvent(transferId));
            apply(new TransferCompletedEvent(transferId));
            return true;
        }
        if (direction == TransferDirection.INCOMING && status == TransferStatus.REQUESTED) {
            apply(new TransferCreditedEvent(transferId));
            apply(new AccountLegRequestedEvent(transferId, Leg.DEBIT, clearingIban, amount, debtorIban, reference,
                    null));
            apply(new StatusReportIssuedEvent(transferId, report(ClearingStatus.ACSC, null)));
            apply(new TransferCompletedEvent(transferId));
            return true;
        }
        return false;
    }

    @CommandHandler
    public boolean handle(RecordCreditRejectionCommand command) {
        if (direction == TransferDirection.OUTGOING && !interbank && status == TransferStatus.DEBITED) {
            refund(command.reason());
            return true;
        }
        if (direction == TransferDirection.INCOMING && status == TransferStatus.REQUESTED) {
            reject(reasonCodeOf(command.reason()), command.reason());
            return true;
        }
        return false;
    }

    @CommandHandler
    public boolean handle(RecordClearingAnswerCommand command) {
        PaymentStatusReport report = command.report();
        if (direction != TransferDirection.OUTGOING || !interbank) {
            return false;
        }
        if (status == TransferStatus.SENT_TO_CLEARING) {
            if (report.status() == ClearingStatus.ACSC) {
                apply(new TransferAcceptedEvent(transferId, report.messageId()));
                apply(new TransferCompletedEvent(transferId));
            } else {
                refund(REJECTED_BY_CLEARING);
                apply(new AccountLegRequestedEvent(transferId, Leg.DEBIT, clearingIban, amount, creditorIban,
                        reference, REJECTED_BY_CLEARING + " " + report.reasonCode()));
            }
            return true;
        }
        boolean repeatedAcceptance = report.status() == ClearingStatus.ACSC
                && (status == TransferStatus.ACCEPTED || status == TransferStatus.COMPLETED) && refundReason == null;
        boolean repeatedRejection = report.status() == ClearingStatus.RJCT
                && REJECTED_BY_CLEARING.equals(refundReason);
        if (!repeatedAcceptance && !repeatedRejection && status != TransferStatus.REQUESTED
                && status != TransferStatus.DEBITED) {
            apply(new LateClearingAnswerRecordedEvent(transferId, report.messageId(), report.status().name(),
                    report.reasonCode()));
        }
        return false;
    }

    /** No answer from the receiving bank in time: refund the payer and take the money back from clearing. */
    @CommandHandler
    public boolean handle(TimeOutTransferCommand command) {
        if (status != TransferStatus.SENT_TO_CLEARING) {
            return false;
        }
        refund(TIMED_OUT);
        apply(new AccountLegRequestedEvent(transferId, Leg.DEBIT, clearingIban, amount, creditorIban, reference,
                TIMED_OUT));
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

    private void reject(String reasonCode, String reason) {
        apply(new StatusReportIssuedEvent(transferId, report(ClearingStatus.RJCT, reasonCode)));
        apply(new TransferFailedEvent(transferId, reason));
    }

    private CreditTransferMessage creditTransferMessage() {
        Instant createdAt = now();
        Duration timeout = clearingTimeout == null ? Duration.ofSeconds(30) : clearingTimeout;
        return new CreditTransferMessage(transferId + "-pacs008", transferId, amount, debtorIban, debtorBic,
                creditorIban, creditorBic, reference, Iban.bankCodeOf(debtorIban), Iban.bankCodeOf(creditorIban),
                createdAt, createdAt.plus(timeout));
    }

    private PaymentStatusReport report(ClearingStatus status, String reasonCode) {
        return new PaymentStatusReport(transferId + "-pacs002", incoming.messageId(), incoming.endToEndId(),
                status, reasonCode, incoming.instructedBank(), incoming.instructingBank(), now());
    }

    /** ISO 20022 reason codes for an account's refusal of a credit. */
    static String reasonCodeOf(String refusal) {
        return switch (refusal) {
            case "UNKNOWN_ACCOUNT" -> "AC01";
            case "ACCOUNT_CLOSED" -> "AC04";
            case "ACCOUNT_FROZEN" -> "AC06";
            case "CURRENCY_MISMATCH" -> "AM03";
            case "INVALID_AMOUNT" -> "AM02";
            default -> "NARR";
        };
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
        direction = TransferDirection.OUTGOING;
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
    void on(IncomingTransferReceivedEvent event) {
        transferId = event.transferId();
        direction = TransferDirection.INCOMING;
        status = TransferStatus.REQUESTED;
        debtorIban = event.debtorIban();
        creditorIban = event.creditorIban();
        amount = event.amount();
        reference = event.reference();
        interbank = true;
        clearingIban = Clearing.accountOf(event.instructedBank(), amount.currency());
        incoming = event;
    }

    @EventSourcingHandler
    void on(TransferDebitedEvent event) {
        status = TransferStatus.DEBITED;
    }

    @EventSourcingHandler
    void on(TransferSentToClearingEvent event) {
        status = TransferStatus.SENT_TO_CLEARING;
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
