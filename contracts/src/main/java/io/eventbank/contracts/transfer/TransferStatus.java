package io.eventbank.contracts.transfer;

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

    public boolean isFinal() {
        return this == COMPLETED || this == FAILED;
    }
}
