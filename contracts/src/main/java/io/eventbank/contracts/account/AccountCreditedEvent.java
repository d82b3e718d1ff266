package io.eventbank.contracts.account;

import io.eventbank.contracts.Money;
import org.axonframework.serialization.Revision;

/** The payee of a transfer was credited. */
@Revision("1")
public record AccountCreditedEvent(String iban, String transferId, Money amount, String counterpartyIban, String reference, long balanceAfter) implements BalanceChange, LegAnswer {
}
