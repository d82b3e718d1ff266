package io.eventbank.contracts.transfer;

import org.axonframework.serialization.Revision;

/** The receiving bank accepted (ACSC). */
@Revision("1")
public record TransferAcceptedEvent(String transferId, String reportId) implements TransferEvent {
}
