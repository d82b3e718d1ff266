package io.eventbank.contracts.account;

import org.axonframework.serialization.Revision;

/** The account takes debits again. */
@Revision("1")
public record AccountUnfrozenEvent(String iban) implements AccountEvent {
}
