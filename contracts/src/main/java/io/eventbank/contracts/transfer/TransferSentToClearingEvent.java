package io.eventbank.contracts.transfer;

import io.eventbank.contracts.clearing.CreditTransferMessage;
import org.axonframework.serialization.Revision;

/** The credit transfer (pacs.008) went to the receiving bank; it is published on {@code bank.clearing}. */
@Revision("1")
public record TransferSentToClearingEvent(String transferId, CreditTransferMessage message) implements TransferEvent {
}
