package io.eventbank.contracts.account;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Closes an account whose balance is zero. */
public record CloseAccountCommand(@TargetAggregateIdentifier String iban) implements AccountCommand {
}
