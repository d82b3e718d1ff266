package io.eventbank.transfer.domain;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Instant;

import io.eventbank.contracts.Clearing;
import io.eventbank.contracts.Money;
import io.eventbank.contracts.Texts;
import io.eventbank.contracts.clearing.ClearingStatus;
import io.eventbank.contracts.clearing.CreditTransferMessage;
import io.eventbank.contracts.clearing.PaymentStatusReport;
import io.eventbank.contracts.clearing.PaymentStatusRequest;
import io.eventbank.contracts.transfer.AccountLegRequestedEvent;
import io.eventbank.contracts.transfer.CreditTransferNotReceivedEvent;
import io.eventbank.contracts.transfer.IncomingTransferReceivedEvent;
import io.eventbank.contracts.transfer.Leg;
import io.eventbank.contracts.transfer.StatusReportIssuedEvent;
import io.eventbank.contracts.transfer.TransferCompletedEvent;
import io.eventbank.contracts.transfer.TransferCreditedEvent;
import io.eventbank.contracts.transfer.TransferFailedEvent;
import io.eventbank.contracts.transfer.TransferFailure;
import io.eventbank.contracts.account.AccountRefusal;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

/**
 * The receiving bank's one record of a payment another bank sends, {@code in-<message id of the pacs.008>}: the
 * authority on whether the payment happened. Whatever reaches it first fixes the outcome, once and for good:
 *
 * <ul>
 *   <li>the credit transfer (pacs.008) before its cut-off, for an account that can take it, credits the payee and is
 *       answered ACSC once credited, or RJCT with the account's reason if the account refuses;</li>
 *   <li>a credit transfer after its cut-off, or for a bank's clearing account, or with text no account takes, is
 *       answered RJCT;</li>
 *   <li>the sender's status request (pacs.028) for a payment never received fixes RJCT (AB05): the credit transfer,
 *       should it arrive later, is refused.</li>
 * </ul>
 *
 * Once fixed, every later credit transfer or status request with the same id is answered with the same report; while
 * the payee's credit is pending, a status request waits for the answer that follows it. Both messages travel on this
 * bank's ordered partition of {@code bank.clearing}, and the record is one aggregate, so nothing decides twice.
 */
public class IncomingPayment {

    /** The id of a payment this bank receives starts with this, followed by the message id of its pacs.008. */
    public static final String ID_PREFIX = "in-";
    static final String NOT_RECEIVED = "AB05";
    static final String NOT_ALLOWED = "AG01";
    static final String INVALID_CONTENT = "FF01";

    @AggregateIdentifier
    private String transferId;
    private String messageId;
    private String endToEndId;
    private String instructingBank;
    private String instructedBank;
    private String debtorIban;
    private String creditorIban;
    private Money amount;
    private String reference;
    private String clearingIban;
    /** Null while the payee's credit is pending; ACSC or RJCT once fixed. */
    private ClearingStatus decision;
    private String reasonCode;
    private int reports;

    /** The id of the incoming payment that a credit transfer (pacs.008) with this message id is. */
    public static String idOf(String messageId) {
        return ID_PREFIX + messageId;
    }

    /** Whether a transfer id is an incoming payment's. */
    public static boolean isIncoming(String transferId) {
        return transferId != null && transferId.startsWith(ID_PREFIX);
    }

    protected IncomingPayment() {
        // for Axon, and for the first message of a payment
    }

    /** A credit transfer: the first one decides (or asks the payee's account); a later one hears the decision. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(ReceiveCreditTransferCommand command) {
        if (transferId != null) {
            requireFromTheSender(command.message().instructingBank(), command.message().messageId());
            answerAgain();
            return;
        }
        CreditTransferMessage message = command.message();
        apply(new IncomingTransferReceivedEvent(command.transferId(), message.messageId(), message.endToEndId(),
                message.debtorIban(), message.debtorBic(), message.creditorIban(), message.amount(),
                message.remittanceInformation(), message.instructingBank(), message.instructedBank(),
                message.acceptBefore()));
        if (message.acceptBefore() != null && now().isAfter(message.acceptBefore())) {
            reject(NOT_RECEIVED, TransferFailure.TIMED_OUT);
        } else if (Clearing.isClearingAccount(message.creditorIban())) {
            reject(NOT_ALLOWED, TransferFailure.of(AccountRefusal.CLEARING_ACCOUNT));
        } else if (!Texts.isAcceptable(message.remittanceInformation(), Texts.MAX_LENGTH)) {
            reject(INVALID_CONTENT, TransferFailure.of(AccountRefusal.INVALID_TEXT));
        } else {
            apply(new AccountLegRequestedEvent(command.transferId(), Leg.CREDIT, message.creditorIban(),
                    message.amount(), message.debtorIban(), message.remittanceInformation(), null));
        }
    }

    /** The sender asks: a payment never received is rejected for good; a decided one is answered again. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(AnswerStatusRequestCommand command) {
        if (transferId != null) {
            requireFromTheSender(command.request().instructingBank(), command.request().messageId());
            answerAgain();
            return;
        }
        PaymentStatusRequest request = command.request();
        apply(new CreditTransferNotReceivedEvent(command.transferId(), request.originalMessageId(),
                request.originalEndToEndId(), request.instructingBank(), request.instructedBank()));
        issueReport(ClearingStatus.RJCT, NOT_RECEIVED);
    }

    /** The payee was credited: take the money from this bank's clearing account and accept (ACSC). */
    @CommandHandler
    public boolean handle(RecordPayeeCreditedCommand command) {
        if (!pending() || !command.iban().equals(creditorIban)) {
            return false;
        }
        apply(new TransferCreditedEvent(transferId));
        apply(new AccountLegRequestedEvent(transferId, Leg.DEBIT, clearingIban, amount, debtorIban, reference, null));
        issueReport(ClearingStatus.ACSC, null);
        apply(new TransferCompletedEvent(transferId));
        return true;
    }

    @CommandHandler
    public boolean handle(RecordPayeeRefusalCommand command) {
        if (!pending() || !command.iban().equals(creditorIban)) {
            return false;
        }
        reject(reasonCodeOf(command.reason()), TransferFailure.of(command.reason()));
        return true;
    }

    /** The payee's account has not answered for long: ask it again (it counts the credit once). */
    @CommandHandler
    public boolean handle(ResumeIncomingPaymentCommand command) {
        if (!pending()) {
            return false;
        }
        apply(new AccountLegRequestedEvent(transferId, Leg.CREDIT, creditorIban, amount, debtorIban, reference, null));
        return true;
    }

    /** Only the bank that sent the payment hears of it again: another bank's message about it is refused. */
    private void requireFromTheSender(String bank, String messageId) {
        if (instructingBank != null && !instructingBank.equals(bank)) {
            throw new ForeignClearingMessageException("message " + messageId + " from bank " + bank + " is about"
                    + " payment " + this.messageId + ", which bank " + instructingBank + " sent");
        }
    }

    private boolean pending() {
        return transferId != null && decision == null && creditorIban != null;
    }

    private void answerAgain() {
        if (decision != null) {
            issueReport(decision, reasonCode);
        }
    }

    private void reject(String code, TransferFailure reason) {
        issueReport(ClearingStatus.RJCT, code);
        apply(new TransferFailedEvent(transferId, reason));
    }

    private void issueReport(ClearingStatus status, String code) {
        // events applied in the creating handler take effect at once: the id comes from this aggregate's state
        apply(new StatusReportIssuedEvent(transferId, new PaymentStatusReport(transferId + "-pacs002-" + (reports + 1),
                messageId, endToEndId, status, code, instructedBank, instructingBank, now())));
    }

    /** ISO 20022 reason codes for an account's refusal of a credit. */
    static String reasonCodeOf(AccountRefusal refusal) {
        return switch (refusal) {
            case UNKNOWN_ACCOUNT -> "AC01";
            case ACCOUNT_CLOSED -> "AC04";
            case ACCOUNT_FROZEN -> "AC06";
            case CURRENCY_MISMATCH -> "AM03";
            case INVALID_AMOUNT, AMOUNT_TOO_LARGE, BALANCE_LIMIT_EXCEEDED -> "AM02";
            default -> "NARR";
        };
    }

    private static Instant now() {
        return GenericEventMessage.clock.instant();
    }

    @EventSourcingHandler
    void on(IncomingTransferReceivedEvent event) {
        transferId = event.transferId();
        messageId = event.messageId();
        endToEndId = event.endToEndId();
        instructingBank = event.instructingBank();
        instructedBank = event.instructedBank();
        debtorIban = event.debtorIban();
        creditorIban = event.creditorIban();
        amount = event.amount();
        reference = event.reference();
        // the clearing account the sender's transfer picks in the sending bank (by its id, the end-to-end id),
        // picked alike in this one
        clearingIban = Clearing.accountFor(event.instructedBank(), amount.currency(),
                event.endToEndId() != null ? event.endToEndId() : event.transferId());
    }

    @EventSourcingHandler
    void on(CreditTransferNotReceivedEvent event) {
        transferId = event.transferId();
        messageId = event.originalMessageId();
        endToEndId = event.originalEndToEndId();
        instructingBank = event.instructingBank();
        instructedBank = event.instructedBank();
    }

    @EventSourcingHandler
    void on(StatusReportIssuedEvent event) {
        decision = event.report().status();
        reasonCode = event.report().reasonCode();
        reports++;
    }
}
