package io.eventbank.contracts.transfer;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The payee of an incoming payment has been credited. */
public record RecordPayeeCreditedCommand(@TargetAggregateIdentifier String transferId) {
}
