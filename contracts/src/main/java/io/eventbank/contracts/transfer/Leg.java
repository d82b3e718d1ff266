package io.eventbank.contracts.transfer;

/** A movement a transfer asks of an account: the commands of {@code bank.account.commands}. */
public enum Leg {
    DEBIT,
    CREDIT,
    REFUND,
    /** A transfer within one bank: the payer's debit and, if it is taken, the payee's credit, in one transaction. */
    DEBIT_AND_CREDIT
}
