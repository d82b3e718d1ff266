package io.eventbank.account.domain;

import io.eventbank.contracts.account.AccountCommand;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Closes an account whose balance is zero. */
public record CloseAccountCommand(@TargetAggregateIdentifier String iban) implements AccountCommand {
}
