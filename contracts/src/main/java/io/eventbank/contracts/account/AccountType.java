package io.eventbank.contracts.account;

/** A customer's account, or a bank's own clearing account (no overdraft limit: it carries interbank money). */
public enum AccountType {
    CUSTOMER,
    CLEARING
}
