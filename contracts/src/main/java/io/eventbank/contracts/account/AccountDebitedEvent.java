package io.eventbank.contracts.account;

import io.eventbank.contracts.Money;
import org.axonframework.serialization.Revision;

/** The payer of a transfer was debited. */
@Revision("1")
public record AccountDebitedEvent(String iban, String transferId, Money amount, String counterpartyIban, String reference, long balanceAfter) implements BalanceChange, LegAnswer {
}
