package io.eventbank.contracts.account;

import io.eventbank.contracts.Money;
import org.axonframework.serialization.Revision;

/** Money was withdrawn. */
@Revision("1")
public record MoneyWithdrawnEvent(String iban, String operationId, Money amount, String reference, long balanceAfter) implements BalanceChange {
}
