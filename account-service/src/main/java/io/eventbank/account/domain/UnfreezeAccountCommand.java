package io.eventbank.account.domain;

import io.eventbank.contracts.account.AccountCommand;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Allows debits again. */
public record UnfreezeAccountCommand(@TargetAggregateIdentifier String iban) implements AccountCommand {
}
