package io.eventbank.contracts.account;

import org.axonframework.serialization.Revision;

/** The account was closed. */
@Revision("1")
public record AccountClosedEvent(String iban) implements AccountEvent {
}
