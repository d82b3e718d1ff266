package io.eventbank.contracts.account;

import io.eventbank.contracts.Money;
import org.axonframework.serialization.Revision;

/** The payee of a transfer refused the credit; the payer is refunded. */
@Revision("1")
public record AccountCreditRejectedEvent(String iban, String transferId, Money amount, AccountRefusal reason) implements LegAnswer {
}
