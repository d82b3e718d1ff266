package io.eventbank.contracts.transfer;

import java.time.Duration;

import io.eventbank.contracts.Money;
import org.axonframework.serialization.Revision;

/** A client asked for a transfer; {@code interbank} when the payee is at another hosted bank. */
@Revision("1")
public record TransferRequestedEvent(String transferId, String idempotencyKey, String debtorIban, String creditorIban, Money amount, String reference, boolean interbank, String debtorBic, String creditorBic, Duration clearingTimeout) implements TransferEvent {
}
