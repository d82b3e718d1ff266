package io.eventbank.contracts.risk;

import java.time.Instant;
import java.util.List;

import io.eventbank.contracts.Money;
import org.axonframework.serialization.Revision;

/**
 * The risk engine's verdict on a transfer: {@code CLEAN}, or {@code HOLD} with every rule that found something and
 * the figures that made it (a held transfer waits for an operator). {@code screenedAt} is the screening's
 * {@code requestedAt}: a verdict is a function of the topics, not of the clock of the engine that read them.
 */
@Revision("1")
public record TransferScreenedEvent(String transferId, String debtorIban, String creditorIban, Money amount,
        RiskVerdict verdict, List<RiskFinding> findings, Instant screenedAt) implements RiskMessage {

    public TransferScreenedEvent {
        findings = List.copyOf(findings);
    }
}
