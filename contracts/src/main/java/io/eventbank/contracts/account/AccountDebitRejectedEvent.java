package io.eventbank.contracts.account;

import io.eventbank.contracts.Money;
import org.axonframework.serialization.Revision;

/** The payer of a transfer refused the debit; the transfer fails. */
@Revision("1")
public record AccountDebitRejectedEvent(String iban, String transferId, Money amount, AccountRefusal reason) implements LegAnswer {
}
