package io.eventbank.contracts.account;

import io.eventbank.contracts.Money;
import org.axonframework.serialization.Revision;

/** The debit of a failed transfer was given back to the payer. */
@Revision("1")
public record DebitRefundedEvent(String iban, String transferId, Money amount, String reason, long balanceAfter) implements BalanceChange, LegAnswer {
}
