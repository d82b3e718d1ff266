package io.eventbank.contracts.transfer;

import org.axonframework.serialization.Revision;

/** The payer was debited. */
@Revision("1")
public record TransferDebitedEvent(String transferId) implements TransferEvent {
}
