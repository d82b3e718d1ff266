package io.eventbank.contracts.account;

/** Why an account refused a command: a stable code that travels in rejection events and problem answers. */
public enum AccountRefusal {
    INSUFFICIENT_FUNDS,
    ACCOUNT_FROZEN,
    ACCOUNT_CLOSED,
    UNKNOWN_ACCOUNT,
    CURRENCY_MISMATCH,
    ACCOUNT_EXISTS,
    BALANCE_NOT_ZERO,
    ALREADY_FROZEN,
    NOT_FROZEN,
    CLEARING_ACCOUNT,
    INVALID_AMOUNT,
    NOT_DEBITED,
    OVERDRAFT_LIMIT_TOO_HIGH,
    INVALID_TEXT,
    /** Above the largest single amount of the platform's money range. */
    AMOUNT_TOO_LARGE,
    /** The customer's balance would go above the largest of the platform's money range. */
    BALANCE_LIMIT_EXCEEDED,
    /** An overdraft limit below what the account already owes: the balance would be below minus the limit. */
    BALANCE_BELOW_LIMIT
}
