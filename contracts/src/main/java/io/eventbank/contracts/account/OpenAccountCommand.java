package io.eventbank.contracts.account;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Opens an account with a platform-issued IBAN; the overdraft limit is in minor units. */
public record OpenAccountCommand(@TargetAggregateIdentifier String iban, String owner, String currency, String bankCode, long overdraftLimit, AccountType type) implements AccountCommand {
}
