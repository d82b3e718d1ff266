package io.eventbank.transfer.domain;

import io.eventbank.contracts.clearing.PaymentStatusRequest;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The sending bank asks about a payment (pacs.028); {@code transferId} is the incoming payment's id,
 * {@code in-<original message id>}.
 */
public record AnswerStatusRequestCommand(@TargetAggregateIdentifier String transferId, PaymentStatusRequest request) {
}
