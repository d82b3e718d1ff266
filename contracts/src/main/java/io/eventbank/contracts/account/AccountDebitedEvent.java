package io.eventbank.contracts.account;

import io.eventbank.contracts.Money;
import org.axonframework.serialization.Revision;

/**
 * The payer of a transfer was debited. {@code direct}: the transfer is within one bank and account-service booked it
 * by itself, with the payee's credit in the same transaction (the transfer is COMPLETED with this event); false: a
 * leg of a transfer that transfer-saga coordinates.
 */
@Revision("2")
public record AccountDebitedEvent(String iban, String transferId, Money amount, String counterpartyIban,
        String reference, long balanceAfter, boolean direct) implements BalanceChange, LegAnswer {

    /** A leg of a transfer that transfer-saga coordinates. */
    public AccountDebitedEvent(String iban, String transferId, Money amount, String counterpartyIban,
            String reference, long balanceAfter) {
        this(iban, transferId, amount, counterpartyIban, reference, balanceAfter, false);
    }
}
