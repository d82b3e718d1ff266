package io.eventbank.contracts.account;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Allows debits again. */
public record UnfreezeAccountCommand(@TargetAggregateIdentifier String iban) implements AccountCommand {
}
