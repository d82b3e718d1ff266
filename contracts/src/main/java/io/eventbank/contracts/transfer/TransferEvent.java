package io.eventbank.contracts.transfer;

/**
 * Every event of a transfer names it; its id is the Kafka key of {@code bank.transfer.events}. The hierarchy is
 * closed: a transfer's events (outgoing transfers and incoming payments alike) are these and no others.
 */
public sealed interface TransferEvent permits TransferRequestedEvent, AccountLegRequestedEvent, TransferDebitedEvent,
        TransferCreditedEvent, TransferSentToClearingEvent, ClearingStatusRequestedEvent, TransferAcceptedEvent,
        TransferRefundingEvent, TransferCompletedEvent, TransferFailedEvent, LateClearingAnswerRecordedEvent,
        IncomingTransferReceivedEvent, StatusReportIssuedEvent, CreditTransferNotReceivedEvent {

    String transferId();
}
