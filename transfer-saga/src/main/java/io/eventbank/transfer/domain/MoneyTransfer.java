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
import io.eventbank.contracts.transfer.TransferAcceptedEvent;
import io.eventbank.contracts.transfer.TransferCompletedEvent;
import io.eventbank.contracts.transfer.TransferCreditedEvent;
import io.eventbank.contracts.transfer.TransferDebitedEvent;
import io.eventbank.contracts.transfer.TransferFailedEvent;
import io.eventbank.contracts.transfer.TransferFailure;
import io.eventbank.contracts.transfer.TransferRefundingEvent;
import io.eventbank.contracts.transfer.TransferRequestedEvent;
import io.eventbank.contracts.transfer.TransferSentToClearingEvent;
import io.eventbank.contracts.transfer.TransferStatus;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.Scope;
import org.axonframework.messaging.ScopeDescriptor;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateScopeDescriptor;

/**
 * A transfer a client asked for, and its state machine. Each step it takes records what happened and what must happen
 * next: an {@link AccountLegRequestedEvent} becomes a command to account-service, a {@link TransferSentToClearingEvent}
 * a credit transfer (pacs.008) and a {@link ClearingStatusRequestedEvent} a status request (pacs.028) to the receiving
 * bank, all through the outbox. A command that does not fit the state (a duplicate, a late answer) changes nothing.
 *
 * <p>The accounts' answers reach it as commands that name the account ({@link RecordDebitCommand} and the like): it
 * heeds the payer's and the payee's, and not the clearing accounts' that the same transfer moves. A repeated answer
 * finds the transfer past that step and changes nothing, so answers may come twice.
 *
 * <p>Between banks, the receiving bank alone decides whether a payment happened ({@code IncomingPayment}). The
 * transfer keeps its own deadline, persistent: when the receiving bank has not answered by its cut-off plus
 * {@link #ANSWER_GRACE}, it asks (pacs.028), and asks again while it waits, after {@link #STATUS_REQUEST_INTERVAL},
 * twice that, and so on up to {@link #MAX_STATUS_REQUEST_INTERVAL}. It never decides for the receiving bank: it waits,
 * visibly (AWAITING_STATUS), completes on ACSC and refunds the payer only on RJCT. So the payer is never refunded for a
 * payment the payee was credited with. Deadlines are never cancelled (cancelling one that is firing fails): one that
 * fires after the answer finds the transfer past asking.
 */
public class MoneyTransfer {

    /** The receiving bank's reason code for a credit transfer it did not accept before the cut-off. */
    public static final String TIMEOUT_REASON_CODE = "AB05";
    public static final String CLEARING_DEADLINE = "clearing-answer";
    /** How long after the receiving bank's own cut-off the sender waits for its answer before asking. */
    public static final Duration ANSWER_GRACE = Duration.ofSeconds(5);
    /** How long the sender waits for an answer to its first status request; it doubles with each one after. */
    public static final Duration STATUS_REQUEST_INTERVAL = Duration.ofSeconds(10);
    /** The longest the sender waits between status requests. */
    public static final Duration MAX_STATUS_REQUEST_INTERVAL = Duration.ofSeconds(60);

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
    private TransferFailure refundReason;
    private CreditTransferMessage sent;
    private int statusRequests;
    /** Within one bank, both legs are asked of account-service in one command (transfers before that asked each). */
    private boolean bothLegsAsked;

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
        apply(new AccountLegRequestedEvent(command.transferId(), command.interbank() ? Leg.DEBIT
                : Leg.DEBIT_AND_CREDIT, command.debtorIban(), command.amount(), command.creditorIban(),
                command.reference(), null));
    }

    @CommandHandler
    public boolean handle(RecordDebitCommand command, DeadlineManager deadlines) {
        if (status != TransferStatus.REQUESTED || !command.iban().equals(debtorIban) || bothLegsAsked) {
            // both legs in one: the payee's answer tells the payer's too, and comes whatever this one says
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
        CreditTransferMessage message = creditTransferMessage();
        apply(new TransferSentToClearingEvent(transferId, message));
        // the receiving bank has until its cut-off, plus a grace for the answer to travel
        deadlines.schedule(message.acceptBefore().plus(ANSWER_GRACE), CLEARING_DEADLINE, transferId, scope());
        return true;
    }

    @CommandHandler
    public boolean handle(RecordDebitRejectionCommand command) {
        if (status != TransferStatus.REQUESTED || !command.iban().equals(debtorIban)) {
            return false;
        }
        apply(new TransferFailedEvent(transferId, TransferFailure.of(command.reason())));
        return true;
    }

    @CommandHandler
    public boolean handle(RecordCreditCommand command) {
        if (interbank || !command.iban().equals(creditorIban) || !(status == TransferStatus.DEBITED
                || status == TransferStatus.REQUESTED && bothLegsAsked)) {
            return false;
        }
        debitedWithTheCredit();
        apply(new TransferCreditedEvent(transferId));
        apply(new TransferCompletedEvent(transferId));
        return true;
    }

    @CommandHandler
    public boolean handle(RecordCreditRejectionCommand command) {
        if (interbank || !command.iban().equals(creditorIban) || !(status == TransferStatus.DEBITED
                || status == TransferStatus.REQUESTED && bothLegsAsked)) {
            return false;
        }
        debitedWithTheCredit();
        refund(TransferFailure.of(command.reason()));
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
        requireAnswersWhatWasSent(report);
        if (!interbank || status == TransferStatus.REQUESTED || status == TransferStatus.DEBITED) {
            return false;
        }
        if (status == TransferStatus.SENT_TO_CLEARING || status == TransferStatus.AWAITING_STATUS) {
            if (report.status() == ClearingStatus.ACSC) {
                apply(new TransferAcceptedEvent(transferId, report.messageId()));
                apply(new TransferCompletedEvent(transferId));
            } else {
                TransferFailure reason = TIMEOUT_REASON_CODE.equals(report.reasonCode()) ? TransferFailure.TIMED_OUT
                        : TransferFailure.REJECTED_BY_CLEARING;
                refund(reason);
                apply(new AccountLegRequestedEvent(transferId, Leg.DEBIT, clearingIban, amount, creditorIban,
                        reference, reason.name() + " " + report.reasonCode()));
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

    /**
     * A status report counts only as the answer to the credit transfer this transfer sent, from the bank it was sent to,
     * to the bank that sent it; anything else is refused, whoever could write it on the clearing topic.
     */
    private void requireAnswersWhatWasSent(PaymentStatusReport report) {
        if (sent == null) {
            throw new ForeignClearingMessageException("status report " + report.messageId() + " answers transfer "
                    + transferId + ", which sent no credit transfer");
        }
        if (!sent.messageId().equals(report.originalMessageId()) || !sent.endToEndId().equals(report.originalEndToEndId())
                || !sent.instructedBank().equals(report.instructingBank())
                || !sent.instructingBank().equals(report.instructedBank())) {
            throw new ForeignClearingMessageException("status report " + report.messageId() + " from bank "
                    + report.instructingBank() + " answers " + report.originalMessageId() + " to bank "
                    + report.instructedBank() + ", not credit transfer " + sent.messageId() + " sent by bank "
                    + sent.instructingBank() + " to bank " + sent.instructedBank());
        }
    }

    /** The answer is overdue: ask the receiving bank (again). */
    @CommandHandler
    public boolean handle(RequestClearingStatusCommand command, DeadlineManager deadlines) {
        if (status != TransferStatus.SENT_TO_CLEARING && status != TransferStatus.AWAITING_STATUS) {
            return false;
        }
        Instant asked = now();
        apply(new ClearingStatusRequestedEvent(transferId, new PaymentStatusRequest(
                transferId + "-pacs028-" + (statusRequests + 1), sent.messageId(), sent.endToEndId(),
                sent.instructingBank(), sent.instructedBank(), asked)));
        // ask again if no answer comes meanwhile, a little later each time (a busy bank is not flooded)
        Duration wait = STATUS_REQUEST_INTERVAL.multipliedBy(1L << Math.min(statusRequests - 1, 10));
        deadlines.schedule(asked.plus(wait.compareTo(MAX_STATUS_REQUEST_INTERVAL) > 0 ? MAX_STATUS_REQUEST_INTERVAL
                : wait), CLEARING_DEADLINE, transferId, scope());
        return true;
    }

    /**
     * The receiving bank has not answered in time: ask it; a transfer past asking does nothing. (The payload, the
     * transfer's id, is what Axon matches a deadline handler's first parameter with.)
     */
    @DeadlineHandler(deadlineName = CLEARING_DEADLINE)
    void onClearingDeadline(String transfer, DeadlineManager deadlines) {
        handle(new RequestClearingStatusCommand(transferId), deadlines);
    }

    /**
     * The transfer has waited long: ask again for what it waits for. An account's leg is requested once more (the
     * account counts it once, and publishes its outcome again); the receiving bank is asked once its cut-off is past.
     */
    @CommandHandler
    public boolean handle(ResumeTransferCommand command, DeadlineManager deadlines) {
        switch (status) {
            // within one bank, both legs: also for a transfer that asked for the debit alone, whose debit's answer
            // the inbox no longer passes on (account-service counts the debit once and credits the payee)
            case REQUESTED -> apply(new AccountLegRequestedEvent(transferId, interbank ? Leg.DEBIT
                    : Leg.DEBIT_AND_CREDIT, debtorIban, amount, creditorIban, reference, null));
            case DEBITED -> apply(new AccountLegRequestedEvent(transferId, Leg.CREDIT, creditorIban, amount,
                    debtorIban, reference, null));
            case REFUNDING -> apply(new AccountLegRequestedEvent(transferId, Leg.REFUND, debtorIban, amount,
                    creditorIban, reference, refundReason.name()));
            case SENT_TO_CLEARING, AWAITING_STATUS -> {
                if (now().isBefore(sent.acceptBefore())) {
                    return false;
                }
                return handle(new RequestClearingStatusCommand(transferId), deadlines);
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /**
     * The payee's answer to both legs asked in one: account-service credits (or refuses to credit) the payee only in
     * the transaction that debited the payer, so the answer means the payer was debited.
     */
    private void debitedWithTheCredit() {
        if (status == TransferStatus.REQUESTED) {
            apply(new TransferDebitedEvent(transferId));
        }
    }

    @CommandHandler
    public boolean handle(RecordRefundCommand command) {
        if (status != TransferStatus.REFUNDING || !command.iban().equals(debtorIban)) {
            return false;
        }
        apply(new TransferFailedEvent(transferId, refundReason));
        return true;
    }

    private void refund(TransferFailure reason) {
        apply(new TransferRefundingEvent(transferId, reason));
        apply(new AccountLegRequestedEvent(transferId, Leg.REFUND, debtorIban, amount, creditorIban, reference,
                reason.name()));
    }

    private CreditTransferMessage creditTransferMessage() {
        Instant createdAt = now();
        Duration timeout = clearingTimeout == null ? Duration.ofSeconds(30) : clearingTimeout;
        return new CreditTransferMessage(transferId + "-pacs008", transferId, amount, debtorIban, debtorBic,
                creditorIban, creditorBic, reference, Iban.bankCodeOf(debtorIban), Iban.bankCodeOf(creditorIban),
                createdAt, createdAt.plus(timeout));
    }

    /**
     * This transfer as the scope of its deadlines, with its id given at once: Axon's own descriptor would compute the
     * id lazily, and is stored (as JSON, with db-scheduler) before it has.
     */
    private ScopeDescriptor scope() {
        return new AggregateScopeDescriptor(((AggregateScopeDescriptor) Scope.describeCurrentScope()).getType(),
                transferId);
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
        clearingIban = interbank ? Clearing.accountFor(Iban.bankCodeOf(debtorIban), amount.currency(), transferId)
                : null;
    }

    @EventSourcingHandler
    void on(AccountLegRequestedEvent event) {
        bothLegsAsked |= event.leg() == Leg.DEBIT_AND_CREDIT;
        if (Clearing.isClearingAccount(event.iban())) {
            // the clearing account the money went through is the one it comes back from (a transfer sent before its
            // bank had several went through the first)
            clearingIban = event.iban();
        }
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
