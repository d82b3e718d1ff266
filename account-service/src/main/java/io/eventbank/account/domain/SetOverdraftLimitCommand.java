package io.eventbank.account.domain;

import io.eventbank.contracts.Money;
import io.eventbank.contracts.account.AccountCommand;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An operator sets how far below zero a customer's account may go; {@code maximum} is the platform's cap. */
public record SetOverdraftLimitCommand(@TargetAggregateIdentifier String iban, Money limit, Money maximum) implements AccountCommand {
}
