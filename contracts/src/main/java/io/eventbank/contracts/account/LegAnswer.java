package io.eventbank.contracts.account;

/** An account's answer to a leg of a transfer (a debit, credit or refund, taken or refused): names the transfer. */
public sealed interface LegAnswer extends AccountEvent permits AccountDebitedEvent, AccountDebitRejectedEvent,
        AccountCreditedEvent, AccountCreditRejectedEvent, DebitRefundedEvent {

    String transferId();

    /**
     * Whether the transfer is one within a bank that account-service booked by itself (no saga takes part, and the
     * event is final for it), not a leg transfer-saga asked for.
     */
    default boolean direct() {
        return false;
    }
}
