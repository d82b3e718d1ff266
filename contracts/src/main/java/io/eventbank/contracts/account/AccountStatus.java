package io.eventbank.contracts.account;

/** OPEN; FROZEN takes no debits; CLOSED takes neither debits nor credits (only a refund of an earlier debit). */
public enum AccountStatus {
    OPEN,
    FROZEN,
    CLOSED
}
