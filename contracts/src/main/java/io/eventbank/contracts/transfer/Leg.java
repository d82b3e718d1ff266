package io.eventbank.contracts.transfer;

/** A movement a transfer asks of an account: the commands of {@code bank.account.commands}. */
public enum Leg {
    DEBIT,
    CREDIT,
    REFUND
}
