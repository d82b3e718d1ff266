package io.eventbank.contracts.transfer;

import io.eventbank.contracts.clearing.PaymentStatusReport;
import org.axonframework.serialization.Revision;

/** This bank answered a credit transfer (pacs.002); it is published on {@code bank.clearing}. */
@Revision("1")
public record StatusReportIssuedEvent(String transferId, PaymentStatusReport report) implements TransferEvent {
}
