package io.eventbank.contracts.transfer;

import io.eventbank.contracts.account.AccountRefusal;

/**
 * Why a transfer failed (or is being refunded): a stable code that travels in {@link TransferFailedEvent} and
 * {@link TransferRefundingEvent} and is the API's {@code failureReason}. An account's refusal keeps its own name
 * ({@link #of(AccountRefusal)}); clearing adds its two.
 */
public enum TransferFailure {
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
    AMOUNT_TOO_LARGE,
    BALANCE_LIMIT_EXCEEDED,
    BALANCE_BELOW_LIMIT,
    /** The receiving bank answered RJCT. */
    REJECTED_BY_CLEARING,
    /** The receiving bank did not credit before its cut-off (or never received the payment). */
    TIMED_OUT;

    /** The failure an account's refusal of a leg makes: the same name. */
    public static TransferFailure of(AccountRefusal refusal) {
        return valueOf(refusal.name());
    }

    /** The failure an event gives its transfer (a failing or failed one); null for any other event. */
    public static TransferFailure of(TransferEvent event) {
        if (event instanceof TransferFailedEvent failed) {
            return failed.reason();
        }
        return event instanceof TransferRefundingEvent refunding ? refunding.reason() : null;
    }
}
