package io.eventbank.contracts.account;

import io.eventbank.contracts.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.serialization.Revision;

/** The last leg of a transfer: gives the amount to the payee, once per transfer. */
@Revision("1")
public record CreditAccountCommand(@TargetAggregateIdentifier String iban, String transferId, Money amount, String counterpartyIban, String reference) implements AccountCommand {
}
