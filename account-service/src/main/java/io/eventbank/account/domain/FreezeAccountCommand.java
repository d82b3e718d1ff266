package io.eventbank.account.domain;

import io.eventbank.contracts.account.AccountCommand;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Stops debits. */
public record FreezeAccountCommand(@TargetAggregateIdentifier String iban, String reason) implements AccountCommand {
}
