package io.eventbank.transfer.domain;

import io.eventbank.contracts.clearing.CreditTransferMessage;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A credit transfer (pacs.008) for a payee of this bank; the incoming payment's id is {@code in-<messageId>}. A
 * redelivered one, or one that arrives after the sender asked about it, finds the payment's outcome fixed.
 */
public record ReceiveCreditTransferCommand(@TargetAggregateIdentifier String transferId, CreditTransferMessage message) {
}
