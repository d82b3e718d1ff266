package io.eventbank.contracts.transfer;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The payee of an incoming payment refused the credit; {@code reason} is the account's refusal. */
public record RecordPayeeRefusalCommand(@TargetAggregateIdentifier String transferId, String reason) {
}
