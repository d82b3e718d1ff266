package io.eventbank.contracts.transfer;

import io.eventbank.contracts.clearing.CreditTransferMessage;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Starts an incoming transfer from a credit transfer message; its id is {@code in-<messageId>}. */
public record ReceiveCreditTransferCommand(@TargetAggregateIdentifier String transferId, CreditTransferMessage message, String clearingIban) {
}
