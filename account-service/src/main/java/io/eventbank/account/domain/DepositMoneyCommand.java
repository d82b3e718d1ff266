package io.eventbank.account.domain;

import io.eventbank.contracts.Money;
import io.eventbank.contracts.account.AccountCommand;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Puts money in; {@code operationId} makes a retried deposit count once. */
public record DepositMoneyCommand(@TargetAggregateIdentifier String iban, String operationId, Money amount, String reference) implements AccountCommand {
}
