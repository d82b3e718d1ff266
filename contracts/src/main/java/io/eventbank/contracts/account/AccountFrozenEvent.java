package io.eventbank.contracts.account;

import org.axonframework.serialization.Revision;

/** The account takes no more debits. */
@Revision("1")
public record AccountFrozenEvent(String iban, String reason) implements AccountEvent {
}
