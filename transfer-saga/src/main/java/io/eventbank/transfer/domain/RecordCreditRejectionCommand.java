package io.eventbank.transfer.domain;

import io.eventbank.contracts.account.AccountRefusal;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The account {@code iban} refused the transfer's credit, for {@code reason} (the account's refusal). */
public record RecordCreditRejectionCommand(@TargetAggregateIdentifier String transferId, String iban, AccountRefusal reason) {
}
