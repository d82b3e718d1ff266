package io.eventbank.contracts.account;

import io.eventbank.contracts.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Reverses the debit of a transfer that failed, once per transfer. */
public record RefundDebitCommand(@TargetAggregateIdentifier String iban, String transferId, Money amount, String reason) implements AccountCommand {
}
