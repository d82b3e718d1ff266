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
    INVALID_TEXT
}
