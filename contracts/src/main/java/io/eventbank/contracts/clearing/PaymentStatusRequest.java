package io.eventbank.contracts.clearing;

import java.time.Instant;

import org.axonframework.serialization.Revision;

/**
 * The sending bank asks what became of a credit transfer it has had no answer to, like ISO 20022 pacs.028. The
 * receiving bank answers with a status report (pacs.002) once the payment's outcome is fixed; if it never received
 * the credit transfer, the question fixes the outcome: RJCT (AB05), and a credit transfer that arrives later is refused.
 */
@Revision("1")
public record PaymentStatusRequest(
        String messageId,
        String originalMessageId,
        String originalEndToEndId,
        String instructingBank,
        String instructedBank,
        Instant createdAt) implements ClearingMessage {
}
