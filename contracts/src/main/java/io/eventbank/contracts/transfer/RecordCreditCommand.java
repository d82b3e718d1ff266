package io.eventbank.contracts.transfer;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The payee has been credited. */
public record RecordCreditCommand(@TargetAggregateIdentifier String transferId) {
}
