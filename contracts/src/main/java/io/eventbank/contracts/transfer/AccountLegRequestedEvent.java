package io.eventbank.contracts.transfer;

import io.eventbank.contracts.Money;
import org.axonframework.serialization.Revision;

/** The transfer asks an account to move money: published as a command on {@code bank.account.commands}. */
@Revision("1")
public record AccountLegRequestedEvent(String transferId, Leg leg, String iban, Money amount, String counterpartyIban, String reference, String reason) implements TransferEvent {
}
