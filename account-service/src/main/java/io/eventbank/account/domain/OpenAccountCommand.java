package io.eventbank.account.domain;

import io.eventbank.contracts.account.AccountCommand;
import io.eventbank.contracts.account.AccountType;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Opens an account with a platform-issued IBAN for a customer ({@code customerId}: the subject of the customer's
 * token; null for a bank's own clearing account). An account opens without an overdraft: only an operator gives it
 * one ({@link SetOverdraftLimitCommand}).
 */
public record OpenAccountCommand(@TargetAggregateIdentifier String iban, String customerId, String owner, String currency, String bankCode, AccountType type) implements AccountCommand {
}
