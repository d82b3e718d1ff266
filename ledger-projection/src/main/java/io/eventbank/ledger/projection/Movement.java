package io.eventbank.ledger.projection;

import java.util.Optional;

import io.eventbank.contracts.account.AccountCreditedEvent;
import io.eventbank.contracts.account.AccountDebitedEvent;
import io.eventbank.contracts.account.BalanceChange;
import io.eventbank.contracts.account.DebitRefundedEvent;
import io.eventbank.contracts.account.MoneyDepositedEvent;
import io.eventbank.contracts.account.MoneyWithdrawnEvent;

/**
 * What an event that moves an account's money means to the read models that show money (statements, journal), in one
 * place: its kind, the signed amount, and the transfer or outside world on the other side. A money-moving event that
 * is not mapped here fails its batch (and is parked), so it cannot be left out of a statement silently.
 */
public record Movement(String iban, Kind kind, long amount, String currency, long balanceAfter, String counterparty,
        String reference, String transferId) {

    public enum Kind {
        DEPOSIT, WITHDRAWAL, TRANSFER_DEBIT, TRANSFER_CREDIT, REFUND
    }

    /** The movement an event stands for; empty for one that moves no money. */
    public static Optional<Movement> of(Object event) {
        if (!(event instanceof BalanceChange change)) {
            return Optional.empty();
        }
        long amount = change.amount().minorUnits();
        String currency = change.amount().currency();
        Movement movement;
        if (event instanceof MoneyDepositedEvent e) {
            movement = new Movement(e.iban(), Kind.DEPOSIT, amount, currency, e.balanceAfter(), null, e.reference(),
                    null);
        } else if (event instanceof MoneyWithdrawnEvent e) {
            movement = new Movement(e.iban(), Kind.WITHDRAWAL, -amount, currency, e.balanceAfter(), null,
                    e.reference(), null);
        } else if (event instanceof AccountDebitedEvent e) {
            movement = new Movement(e.iban(), Kind.TRANSFER_DEBIT, -amount, currency, e.balanceAfter(),
                    e.counterpartyIban(), e.reference(), e.transferId());
        } else if (event instanceof AccountCreditedEvent e) {
            movement = new Movement(e.iban(), Kind.TRANSFER_CREDIT, amount, currency, e.balanceAfter(),
                    e.counterpartyIban(), e.reference(), e.transferId());
        } else if (event instanceof DebitRefundedEvent e) {
            movement = new Movement(e.iban(), Kind.REFUND, amount, currency, e.balanceAfter(), null, e.reason(),
                    e.transferId());
        } else {
            throw new IllegalStateException(event.getClass().getSimpleName()
                    + " moves money but the ledger does not know how (io.eventbank.ledger.projection.Movement)");
        }
        return Optional.of(movement);
    }

    /** Whether the money moved between the account and a transfer (or its refund), not the outside world. */
    public boolean throughTransfer() {
        return transferId != null;
    }
}
