package io.eventbank.account.domain;

import io.eventbank.contracts.Money;
import io.eventbank.contracts.account.AccountRefusal;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The payer's half of a transfer within one bank that account-service books by itself: debited, or refused with the
 * payer's reason or, when the payee cannot take the money ({@code payeeRefusal}, asked first under the same lock),
 * the payee's. Handed to the aggregate in the booking's unit of work only ({@code TransfersWithinBank}).
 */
public record BookDebitCommand(@TargetAggregateIdentifier String iban, String transferId, Money amount,
        String creditorIban, String reference, AccountRefusal payeeRefusal) {
}
