package io.eventbank.contracts.transfer;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The payee refused the credit. */
public record RecordCreditRejectionCommand(@TargetAggregateIdentifier String transferId, String reason) {
}
