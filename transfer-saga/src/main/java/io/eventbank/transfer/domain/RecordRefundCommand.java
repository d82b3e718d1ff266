package io.eventbank.transfer.domain;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The account {@code iban} got the transfer's debit back. */
public record RecordRefundCommand(@TargetAggregateIdentifier String transferId, String iban) {
}
