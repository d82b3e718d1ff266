package io.eventbank.contracts.account;

import io.eventbank.contracts.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.serialization.Revision;

/** Reverses the debit of a transfer that failed, once per transfer. */
@Revision("1")
public record RefundDebitCommand(@TargetAggregateIdentifier String iban, String transferId, Money amount, String reason) implements AccountCommand {
}
