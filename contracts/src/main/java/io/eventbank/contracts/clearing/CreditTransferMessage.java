package io.eventbank.contracts.clearing;

import java.time.Instant;

import io.eventbank.contracts.Money;
import org.axonframework.serialization.Revision;

/**
 * A credit transfer between hosted banks, like ISO 20022 pacs.008: the sending bank has debited the payer into its
 * clearing account and asks the receiving bank to credit the payee. {@code endToEndId} is the sending bank's transfer
 * id; the receiving bank refuses it after {@code acceptBefore} (the sender stops waiting soon after).
 */
@Revision("1")
public record CreditTransferMessage(
        String messageId,
        String endToEndId,
        Money amount,
        String debtorIban,
        String debtorBic,
        String creditorIban,
        String creditorBic,
        String remittanceInformation,
        String instructingBank,
        String instructedBank,
        Instant createdAt,
        Instant acceptBefore) implements ClearingMessage {
}
