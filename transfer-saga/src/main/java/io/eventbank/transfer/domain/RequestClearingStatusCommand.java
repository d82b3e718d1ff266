package io.eventbank.transfer.domain;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The receiving bank's answer is overdue: ask it what became of the transfer (pacs.028). */
public record RequestClearingStatusCommand(@TargetAggregateIdentifier String transferId) {
}
