package io.eventbank.contracts.transfer;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The payer has been debited. */
public record RecordDebitCommand(@TargetAggregateIdentifier String transferId) {
}
