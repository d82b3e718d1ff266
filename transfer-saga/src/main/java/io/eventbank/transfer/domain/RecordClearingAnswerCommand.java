package io.eventbank.transfer.domain;

import io.eventbank.contracts.clearing.PaymentStatusReport;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The receiving bank answered (pacs.002). */
public record RecordClearingAnswerCommand(@TargetAggregateIdentifier String transferId, PaymentStatusReport report) {
}
