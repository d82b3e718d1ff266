package io.eventbank.transfer.domain;

import io.eventbank.contracts.account.AccountRefusal;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The account {@code iban} refused the transfer's debit, for {@code reason} (the account's refusal). */
public record RecordDebitRejectionCommand(@TargetAggregateIdentifier String transferId, String iban, AccountRefusal reason) {
}
