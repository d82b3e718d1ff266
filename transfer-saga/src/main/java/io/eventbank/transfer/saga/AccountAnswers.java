package io.eventbank.transfer.saga;

import java.util.Optional;

import io.eventbank.contracts.Clearing;
import io.eventbank.contracts.account.AccountCreditRejectedEvent;
import io.eventbank.contracts.account.AccountCreditedEvent;
import io.eventbank.contracts.account.AccountDebitRejectedEvent;
import io.eventbank.contracts.account.AccountDebitedEvent;
import io.eventbank.contracts.account.AccountRefusal;
import io.eventbank.contracts.account.DebitRefundedEvent;
import io.eventbank.contracts.account.LegAnswer;
import io.eventbank.transfer.domain.IncomingPayment;
import io.eventbank.transfer.domain.RecordCreditCommand;
import io.eventbank.transfer.domain.RecordCreditRejectionCommand;
import io.eventbank.transfer.domain.RecordDebitCommand;
import io.eventbank.transfer.domain.RecordDebitRejectionCommand;
import io.eventbank.transfer.domain.RecordPayeeCreditedCommand;
import io.eventbank.transfer.domain.RecordPayeeRefusalCommand;
import io.eventbank.transfer.domain.RecordRefundCommand;

/**
 * The saga's one rule: an account's answer to a leg becomes the command that tells the leg's transfer
 * ({@code MoneyTransfer}, or {@code IncomingPayment} for an id that starts with {@code in-}). The command names the
 * account, and the transfer heeds only its payer's and payee's answers; a clearing account's answer, which no transfer
 * heeds (a bank's clearing accounts are never a transfer's payer or payee), becomes no command at all. A repeated
 * answer finds the transfer past that step. The transfer keeps everything else a saga would: its state, the next
 * step, its deadlines. So no saga state is loaded or stored for what is pure forwarding.
 */
public final class AccountAnswers {

    private AccountAnswers() {
    }

    /** The command an account event stands for, if it is the answer to a leg. */
    public static Optional<Object> commandFor(Object event) {
        if (event instanceof LegAnswer answer && (Clearing.isClearingAccount(answer.iban()) || answer.direct())) {
            // a clearing account's answer, or a transfer account-service booked by itself: no transfer of the saga's
            return Optional.empty();
        }
        if (event instanceof AccountDebitedEvent debited) {
            return IncomingPayment.isIncoming(debited.transferId()) || withinOneBank(debited) ? Optional.empty()
                    : Optional.of(new RecordDebitCommand(debited.transferId(), debited.iban()));
        }
        if (event instanceof AccountDebitRejectedEvent rejected) {
            return IncomingPayment.isIncoming(rejected.transferId()) ? Optional.empty()
                    : Optional.of(new RecordDebitRejectionCommand(rejected.transferId(), rejected.iban(),
                            rejected.reason()));
        }
        if (event instanceof AccountCreditedEvent credited) {
            return Optional.of(IncomingPayment.isIncoming(credited.transferId())
                    ? new RecordPayeeCreditedCommand(credited.transferId(), credited.iban())
                    : new RecordCreditCommand(credited.transferId(), credited.iban()));
        }
        if (event instanceof AccountCreditRejectedEvent rejected) {
            AccountRefusal reason = rejected.reason();
            return Optional.of(IncomingPayment.isIncoming(rejected.transferId())
                    ? new RecordPayeeRefusalCommand(rejected.transferId(), rejected.iban(), reason)
                    : new RecordCreditRejectionCommand(rejected.transferId(), rejected.iban(), reason));
        }
        if (event instanceof DebitRefundedEvent refunded) {
            return IncomingPayment.isIncoming(refunded.transferId()) ? Optional.empty()
                    : Optional.of(new RecordRefundCommand(refunded.transferId(), refunded.iban()));
        }
        return Optional.empty();
    }

    /**
     * A payer's debit for a transfer within its bank: both legs were asked in one, and the payee's answer, which comes
     * from the same transaction, tells the transfer everything. It is not passed on: the two answers travel on the two
     * accounts' partitions and reach two consumers at once, whose polls would each lock the transfer and wait for the
     * other (a deadlock that fails both polls). A transfer that asked for the debit alone (requested before both legs
     * were asked in one) asks for both when it is resumed, and learns it from the payee's answer.
     */
    static boolean withinOneBank(AccountDebitedEvent debited) {
        return Clearing.isBetweenCustomersOfOneBank(debited.iban(), debited.counterpartyIban());
    }
}
