package io.eventbank.contracts.transfer;

import java.time.Instant;

import io.eventbank.contracts.Money;
import org.axonframework.serialization.Revision;

/** Another hosted bank sent a credit transfer (pacs.008) for one of this bank's accounts. */
@Revision("1")
public record IncomingTransferReceivedEvent(String transferId, String messageId, String endToEndId, String debtorIban, String debtorBic, String creditorIban, Money amount, String reference, String instructingBank, String instructedBank, Instant acceptBefore) implements TransferEvent {
}
