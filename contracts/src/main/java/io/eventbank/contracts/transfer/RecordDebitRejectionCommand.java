package io.eventbank.contracts.transfer;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The payer refused the debit. */
public record RecordDebitRejectionCommand(@TargetAggregateIdentifier String transferId, String reason) {
}
