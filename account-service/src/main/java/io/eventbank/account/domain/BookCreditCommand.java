package io.eventbank.account.domain;

import io.eventbank.contracts.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The payee's half of a transfer within one bank that account-service books by itself, after the payer's debit in
 * the same unit of work: the payee was asked whether it takes the money under the same lock, so it does.
 */
public record BookCreditCommand(@TargetAggregateIdentifier String iban, String transferId, Money amount,
        String debtorIban, String reference) {
}
