package io.eventbank.contracts.transfer;

import org.axonframework.serialization.Revision;

/** A status report came after the transfer was final; it is recorded and changes no money. */
@Revision("1")
public record LateClearingAnswerRecordedEvent(String transferId, String reportId, String status, String reasonCode) implements TransferEvent {
}
