package io.eventbank.contracts.transfer;

import io.eventbank.contracts.clearing.PaymentStatusRequest;
import org.axonframework.serialization.Revision;

/**
 * The receiving bank has not answered by its cut-off: the transfer waits (AWAITING_STATUS) and asks (pacs.028); it is
 * published on {@code bank.clearing}. Asked again until an answer comes; the payer is refunded only on a rejection.
 */
@Revision("1")
public record ClearingStatusRequestedEvent(String transferId, PaymentStatusRequest request) implements TransferEvent {
}
