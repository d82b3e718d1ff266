package io.eventbank.contracts.transfer;

/**
 * The states of a transfer:
 * <pre>
 * REQUESTED -> DEBITED -> CREDITED -> COMPLETED                            (same bank)
 * REQUESTED -> DEBITED -> SENT_TO_CLEARING -> ACCEPTED -> COMPLETED        (other hosted bank)
 * REQUESTED -> FAILED                                                      (debit rejected)
 * DEBITED / SENT_TO_CLEARING -> REFUNDING -> FAILED                        (credit or clearing rejected, timed out)
 * </pre>
 * A transfer received from another bank through clearing goes REQUESTED -> CREDITED -> COMPLETED, or -> FAILED.
 */
public enum TransferStatus {
    REQUESTED,
    DEBITED,
    CREDITED,
    SENT_TO_CLEARING,
    ACCEPTED,
    REFUNDING,
    COMPLETED,
    FAILED;

    public boolean isFinal() {
        return this == COMPLETED || this == FAILED;
    }
}
