package io.eventbank.account.domain;

import io.eventbank.contracts.Money;
import io.eventbank.contracts.account.AccountCommand;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Takes money out, within the overdraft limit; {@code operationId} makes a retry count once. */
public record WithdrawMoneyCommand(@TargetAggregateIdentifier String iban, String operationId, Money amount, String reference) implements AccountCommand {
}
