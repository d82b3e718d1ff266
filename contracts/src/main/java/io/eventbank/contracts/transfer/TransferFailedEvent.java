package io.eventbank.contracts.transfer;

import org.axonframework.serialization.Revision;

/** The transfer failed; no money moved for good. {@code reason} is a stable code (INSUFFICIENT_FUNDS, ...). */
@Revision("1")
public record TransferFailedEvent(String transferId, TransferFailure reason) implements TransferEvent {
}
