package io.eventbank.transfer.domain;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The account {@code iban} was debited for the transfer (the payer, or a clearing account on the way). */
public record RecordDebitCommand(@TargetAggregateIdentifier String transferId, String iban) {
}
