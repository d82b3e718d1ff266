package io.eventbank.transfer.domain;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An incoming payment has waited long for the payee's account: ask again (the sweeper sends it). */
public record ResumeIncomingPaymentCommand(@TargetAggregateIdentifier String transferId) {
}
