package io.eventbank.transfer.domain;

import java.time.Duration;

import io.eventbank.contracts.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Starts a transfer a client asked for. */
public record RequestTransferCommand(@TargetAggregateIdentifier String transferId, String idempotencyKey, String debtorIban, String creditorIban, Money amount, String reference, boolean interbank, String debtorBic, String creditorBic, Duration clearingTimeout) {
}
