package io.eventbank.contracts.transfer;

import org.axonframework.serialization.Revision;

/** The transfer is done: the payee has the money. */
@Revision("1")
public record TransferCompletedEvent(String transferId) implements TransferEvent {
}
