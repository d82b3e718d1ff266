package io.eventbank.transfer.domain;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A transfer has waited long for an answer: ask again for what it waits for (the sweeper sends it). */
public record ResumeTransferCommand(@TargetAggregateIdentifier String transferId) {
}
