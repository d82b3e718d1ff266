package io.eventbank.contracts.account;

import org.axonframework.serialization.Revision;

/** An account was opened. */
@Revision("1")
public record AccountOpenedEvent(String iban, String owner, String currency, String bankCode, long overdraftLimit, AccountType type) implements AccountEvent {
}
