package io.eventbank.transfer.view;

import java.time.Instant;
import java.util.List;

import io.eventbank.contracts.transfer.TransferDirection;
import io.eventbank.contracts.transfer.TransferStatus;

/** A transfer as the service sees it right after its last event; the amount in minor units. */
public record TransferView(
        String transferId,
        TransferDirection direction,
        String idempotencyKey,
        String debtorIban,
        String creditorIban,
        long amount,
        String currency,
        String reference,
        boolean interbank,
        TransferStatus status,
        String failureReason,
        long version,
        Instant createdAt,
        Instant updatedAt,
        List<TimelineEntry> timeline) {

    /** One event of the transfer: its type, when it happened and its id (null for entries older than ids here). */
    public record TimelineEntry(String type, Instant at, String eventId) {
    }
}
