package io.eventbank.contracts.transfer;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The transfer's deadline passed without an answer from the receiving bank. */
public record TimeOutTransferCommand(@TargetAggregateIdentifier String transferId) {
}
