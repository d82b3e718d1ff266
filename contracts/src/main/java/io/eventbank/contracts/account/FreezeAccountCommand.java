package io.eventbank.contracts.account;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Stops debits. */
public record FreezeAccountCommand(@TargetAggregateIdentifier String iban, String reason) implements AccountCommand {
}
