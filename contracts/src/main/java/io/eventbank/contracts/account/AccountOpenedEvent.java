package io.eventbank.contracts.account;

import org.axonframework.serialization.Revision;

/**
 * An account was opened for a customer. Revision 2 added {@code customerId}, the customer who owns the account (the
 * subject of its token; null for a bank's clearing account, and for accounts opened before revision 2).
 */
@Revision("2")
public record AccountOpenedEvent(String iban, String customerId, String owner, String currency, String bankCode, long overdraftLimit, AccountType type) implements AccountEvent {
}
