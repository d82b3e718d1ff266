package io.eventbank.contracts.account;

import io.eventbank.contracts.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The last leg of a transfer: gives the amount to the payee, once per transfer. */
public record CreditAccountCommand(@TargetAggregateIdentifier String iban, String transferId, Money amount, String counterpartyIban, String reference) implements AccountCommand {
}
