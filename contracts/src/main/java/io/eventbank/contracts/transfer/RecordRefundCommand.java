package io.eventbank.contracts.transfer;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The payer has got the money back. */
public record RecordRefundCommand(@TargetAggregateIdentifier String transferId) {
}
