package io.eventbank.contracts.transfer;

import org.axonframework.serialization.Revision;

/** The payee was credited. */
@Revision("1")
public record TransferCreditedEvent(String transferId) implements TransferEvent {
}
