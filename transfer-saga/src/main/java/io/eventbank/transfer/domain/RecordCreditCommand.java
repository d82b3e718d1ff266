package io.eventbank.transfer.domain;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The account {@code iban} was credited for the transfer (the payee, or a clearing account on the way). */
public record RecordCreditCommand(@TargetAggregateIdentifier String transferId, String iban) {
}
