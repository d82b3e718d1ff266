package io.eventbank.contracts.account;

import io.eventbank.contracts.Money;
import org.axonframework.serialization.Revision;

/** Money was deposited; balances are in minor units of the account's currency. */
@Revision("1")
public record MoneyDepositedEvent(String iban, String operationId, Money amount, String reference, long balanceAfter) implements BalanceChange {
}
