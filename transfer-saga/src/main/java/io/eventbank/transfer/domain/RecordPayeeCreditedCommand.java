package io.eventbank.transfer.domain;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The account {@code iban} was credited for an incoming payment. */
public record RecordPayeeCreditedCommand(@TargetAggregateIdentifier String transferId, String iban) {
}
