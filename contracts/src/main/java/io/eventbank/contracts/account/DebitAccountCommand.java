package io.eventbank.contracts.account;

import io.eventbank.contracts.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.serialization.Revision;

/** The first leg of a transfer: takes the amount from the payer, once per transfer. */
@Revision("1")
public record DebitAccountCommand(@TargetAggregateIdentifier String iban, String transferId, Money amount, String counterpartyIban, String reference) implements AccountCommand {
}
