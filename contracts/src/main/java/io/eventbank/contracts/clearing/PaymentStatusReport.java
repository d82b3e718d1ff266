package io.eventbank.contracts.clearing;

import java.time.Instant;

import org.axonframework.serialization.Revision;

/**
 * The receiving bank's answer to a credit transfer, like ISO 20022 pacs.002: ACSC, or RJCT with a reason code
 * (AC01 incorrect account number, AC04 closed account, AC06 blocked account, AM03 currency not allowed, AB05
 * timeout at the creditor agent, AM02 amount not allowed).
 */
@Revision("1")
public record PaymentStatusReport(
        String messageId,
        String originalMessageId,
        String originalEndToEndId,
        ClearingStatus status,
        String reasonCode,
        String instructingBank,
        String instructedBank,
        Instant createdAt) implements ClearingMessage {
}
