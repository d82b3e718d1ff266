package io.eventbank.contracts.transfer;

import org.axonframework.serialization.Revision;

/** The payer is being refunded; {@code reason} is the stable failure code. */
@Revision("1")
public record TransferRefundingEvent(String transferId, TransferFailure reason) implements TransferEvent {
}
