package io.eventbank.transfer.domain;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The account {@code iban} refused the transfer's credit, for {@code reason} (the account's refusal). */
public record RecordCreditRejectionCommand(@TargetAggregateIdentifier String transferId, String iban, String reason) {
}
