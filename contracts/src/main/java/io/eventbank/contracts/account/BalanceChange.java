package io.eventbank.contracts.account;

import io.eventbank.contracts.Money;

/** An event that moves an account's money: by how much, and the balance after it. */
public interface BalanceChange extends AccountEvent {

    Money amount();

    long balanceAfter();
}
