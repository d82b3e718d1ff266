package io.eventbank.contracts.clearing;

/** The status of a status report, as ISO 20022's ExternalPaymentTransactionStatus1Code. */
public enum ClearingStatus {
    /** AcceptedSettlementCompleted: the creditor's account is credited. */
    ACSC,
    /** Rejected, with a reason code. */
    RJCT
}
