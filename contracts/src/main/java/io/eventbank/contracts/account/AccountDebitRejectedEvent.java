package io.eventbank.contracts.account;

import io.eventbank.contracts.Money;
import org.axonframework.serialization.Revision;

/**
 * The payer of a transfer refused the debit; the transfer fails, and nothing has moved. {@code direct}: the transfer
 * is within one bank and account-service booked it by itself: the reason is the payer's or, when the payee could not
 * take the money (unknown, closed, ...), the payee's, and the event names the payee ({@code counterpartyIban}) and the
 * reference; false: a leg of a transfer that transfer-saga coordinates (no payee, no reference).
 */
@Revision("2")
public record AccountDebitRejectedEvent(String iban, String transferId, Money amount, AccountRefusal reason,
        String counterpartyIban, String reference, boolean direct) implements LegAnswer {

    /** A leg of a transfer that transfer-saga coordinates. */
    public AccountDebitRejectedEvent(String iban, String transferId, Money amount, AccountRefusal reason) {
        this(iban, transferId, amount, reason, null, null, false);
    }
}
