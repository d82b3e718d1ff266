package io.eventbank.contracts.transfer;

import java.util.Map;

/**
 * The states of a transfer:
 * <pre>
 * REQUESTED -> DEBITED -> CREDITED -> COMPLETED                            (same bank)
 * REQUESTED -> DEBITED -> SENT_TO_CLEARING -> ACCEPTED -> COMPLETED        (other hosted bank)
 * SENT_TO_CLEARING -> AWAITING_STATUS -> ACCEPTED or REFUNDING             (no answer by the cut-off: it asks)
 * REQUESTED -> FAILED                                                      (debit rejected)
 * DEBITED / SENT_TO_CLEARING / AWAITING_STATUS -> REFUNDING -> FAILED      (credit or clearing rejected)
 * </pre>
 * A transfer received from another bank through clearing goes REQUESTED -> CREDITED -> COMPLETED, or -> FAILED.
 */
public enum TransferStatus {
    REQUESTED,
    DEBITED,
    CREDITED,
    SENT_TO_CLEARING,
    AWAITING_STATUS,
    ACCEPTED,
    REFUNDING,
    COMPLETED,
    FAILED;

    /** The status each event puts its transfer in; the events not here leave the status as it is. */
    private static final Map<Class<? extends TransferEvent>, TransferStatus> AFTER = Map.of(
            TransferDebitedEvent.class, DEBITED,
            TransferSentToClearingEvent.class, SENT_TO_CLEARING,
            ClearingStatusRequestedEvent.class, AWAITING_STATUS,
            TransferCreditedEvent.class, CREDITED,
            TransferAcceptedEvent.class, ACCEPTED,
            TransferRefundingEvent.class, REFUNDING,
            TransferCompletedEvent.class, COMPLETED,
            TransferFailedEvent.class, FAILED);

    public boolean isFinal() {
        return this == COMPLETED || this == FAILED;
    }

    /** What a transfer in this status waits for, in an operator's words; null once it is final. */
    public String awaiting() {
        return switch (this) {
            case REQUESTED -> "the debtor's account to take the debit";
            case DEBITED -> "the creditor's account, or the clearing of the receiving bank";
            case CREDITED -> "the transfer's completion";
            case SENT_TO_CLEARING -> "the receiving bank's answer";
            case AWAITING_STATUS -> "the receiving bank's answer to a status request (past its cut-off)";
            case ACCEPTED -> "the transfer's completion after the receiving bank accepted";
            case REFUNDING -> "the refund of the debtor's account";
            case COMPLETED, FAILED -> null;
        };
    }

    /**
     * The status a transfer is in after this event; null for one that does not change it (a request, a leg asked
     * for, a status report issued or recorded late, a payment not received).
     */
    public static TransferStatus after(TransferEvent event) {
        return AFTER.get(event.getClass());
    }
}
