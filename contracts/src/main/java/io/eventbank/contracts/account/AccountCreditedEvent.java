package io.eventbank.contracts.account;

import io.eventbank.contracts.Money;
import org.axonframework.serialization.Revision;

/**
 * The payee of a transfer was credited. {@code direct}: the transfer is within one bank and account-service booked it
 * by itself, with the payer's debit in the same transaction; false: a leg of a transfer that transfer-saga
 * coordinates.
 */
@Revision("2")
public record AccountCreditedEvent(String iban, String transferId, Money amount, String counterpartyIban,
        String reference, long balanceAfter, boolean direct) implements BalanceChange, LegAnswer {

    /** A leg of a transfer that transfer-saga coordinates. */
    public AccountCreditedEvent(String iban, String transferId, Money amount, String counterpartyIban,
            String reference, long balanceAfter) {
        this(iban, transferId, amount, counterpartyIban, reference, balanceAfter, false);
    }
}
