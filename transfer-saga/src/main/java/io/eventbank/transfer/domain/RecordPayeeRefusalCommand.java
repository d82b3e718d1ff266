package io.eventbank.transfer.domain;

import io.eventbank.contracts.account.AccountRefusal;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The account {@code iban} refused an incoming payment's credit; {@code reason} is the account's refusal. */
public record RecordPayeeRefusalCommand(@TargetAggregateIdentifier String transferId, String iban, AccountRefusal reason) {
}
