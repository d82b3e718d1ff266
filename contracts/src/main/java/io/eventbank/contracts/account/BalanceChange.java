package io.eventbank.contracts.account;

import io.eventbank.contracts.Money;

/** An event that moves an account's money: by how much, and the balance after it. */
public sealed interface BalanceChange extends AccountEvent permits MoneyDepositedEvent, MoneyWithdrawnEvent,
        AccountDebitedEvent, AccountCreditedEvent, DebitRefundedEvent {

    Money amount();

    long balanceAfter();
}
