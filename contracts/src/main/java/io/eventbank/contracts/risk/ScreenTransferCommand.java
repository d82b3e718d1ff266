package io.eventbank.contracts.risk;

import java.time.Instant;

import io.eventbank.contracts.Money;
import org.axonframework.serialization.Revision;

/**
 * Screen this transfer before any money moves. Asked again for the same transfer (a retry), the risk engine answers
 * the verdict it gave the first time and counts the transfer once. {@code requestedAt} is the time the rules' windows
 * are measured against, so that a replay of the topic decides as the first reading did.
 */
@Revision("1")
public record ScreenTransferCommand(String transferId, String debtorIban, String creditorIban, Money amount,
        Instant requestedAt) implements RiskMessage {
}
