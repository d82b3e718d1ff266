package io.eventbank.contracts.transfer;

import org.axonframework.serialization.Revision;

/**
 * The sending bank asked about a payment this bank never received: its outcome is fixed as rejected (AB05), and the
 * credit transfer, should it still arrive, is refused. {@code transferId} is {@code in-<original message id>}.
 */
@Revision("1")
public record CreditTransferNotReceivedEvent(String transferId, String originalMessageId, String originalEndToEndId,
        String instructingBank, String instructedBank) implements TransferEvent {
}
