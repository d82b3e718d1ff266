package io.eventbank.transfer.view;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.eventbank.contracts.transfer.IncomingTransferReceivedEvent;
import io.eventbank.contracts.transfer.TransferDirection;
import io.eventbank.contracts.transfer.TransferEvent;
import io.eventbank.contracts.transfer.TransferFailure;
import io.eventbank.contracts.transfer.TransferRequestedEvent;
import io.eventbank.contracts.transfer.TransferStatus;
import io.eventbank.infrastructure.jdbc.BatchStatement;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;

/**
 * Keeps {@code transfer_view} and {@code transfer_timeline} in step with the events, in their transaction. The events
 * of a unit of work (one request's, or a whole Kafka poll's) are written together when it commits: each transfer's
 * row once, with the state the last of its events left, in one statement for all of them.
 */
@Singleton
public class TransferViewProjector {

    private static final String PENDING = TransferViewProjector.class.getName() + ".pending";

    @Inject
    DataSource dataSource;
    @Inject
    FinishedTransfers finished;
    @Inject
    LegLatency legs;

    /** What the events of one unit of work do to the view of one transfer. */
    private static final class Change {
        final String transferId;
        Started started;
        String status;
        String reason;
        long version;
        Instant at;
        final List<Entry> timeline = new ArrayList<>();

        Change(String transferId) {
            this.transferId = transferId;
        }
    }

    /** What a transfer's first event says of it: who pays whom, how much, why. */
    private record Started(TransferDirection direction, String idempotencyKey, String debtorIban,
            String creditorIban, long amount, String currency, String reference, boolean interbank) {
    }

    /** A transfer new to the view: its row as the unit of work's events leave it. */
    private record Inserted(String transferId, TransferDirection direction, String idempotencyKey, String debtorIban,
            String creditorIban, long amount, String currency, String reference, boolean interbank, String status,
            String failureReason, long version, Instant createdAt, Instant updatedAt) {
    }

    /** A transfer the view has: what the unit of work's events change (null: unchanged). */
    private record Updated(String transferId, String status, String reason, long version, Instant at) {
    }

    /** An entry of a transfer's timeline. */
    private record Entry(String transferId, long seq, String type, Instant at, String eventId) {
    }

    private static final BatchStatement<Inserted> INSERT = BatchStatement.of(Inserted.class, "insert into"
            + " transfer_view (transfer_id, direction, idempotency_key, debtor_iban, creditor_iban, amount, currency,"
            + " reference, interbank, status, failure_reason, version, created_at, updated_at) select * from {rows}");

    private static final BatchStatement<Updated> UPDATE = BatchStatement.of(Updated.class, "update transfer_view t"
            + " set status = coalesce(v.status, t.status), failure_reason = coalesce(v.reason, t.failure_reason),"
            + " version = v.version, updated_at = v.at from {rows} where t.transfer_id = v.transfer_id");

    /** A payment that is only a status request's answer (never received) has no transfer to show: no timeline. */
    private static final BatchStatement<Entry> TIMELINE = BatchStatement.of(Entry.class, "insert into"
            + " transfer_timeline (transfer_id, seq, type, at, event_id) select v.* from {rows}"
            + " where exists (select 1 from transfer_view t where t.transfer_id = v.transfer_id)");

    @EventHandler
    void on(TransferEvent event, @SequenceNumber long sequence, @Timestamp Instant at,
            @MessageIdentifier String eventId) {
        if (event instanceof io.eventbank.contracts.transfer.AccountLegRequestedEvent leg) {
            legs.requested(leg, at);
        } else {
            legs.answered(event.transferId(), at);
        }
        Change change = pending().computeIfAbsent(event.transferId(), Change::new);
        if (event instanceof TransferRequestedEvent requested) {
            change.started = new Started(TransferDirection.OUTGOING, requested.idempotencyKey(),
                    requested.debtorIban(), requested.creditorIban(), requested.amount().minorUnits(),
                    requested.amount().currency(), requested.reference(), requested.interbank());
            change.status = TransferStatus.REQUESTED.name();
        } else if (event instanceof IncomingTransferReceivedEvent received) {
            change.started = new Started(TransferDirection.INCOMING, received.messageId(), received.debtorIban(),
                    received.creditorIban(), received.amount().minorUnits(), received.amount().currency(),
                    received.reference(), true);
            change.status = TransferStatus.REQUESTED.name();
        } else {
            TransferStatus status = TransferStatus.after(event);
            if (status != null) {
                change.status = status.name();
            }
            TransferFailure reason = TransferFailure.of(event);
            if (reason != null) {
                change.reason = reason.name();
            }
            if (status != null && status.isFinal()) {
                finished.finished(status, status == TransferStatus.FAILED ? change.reason : null);
            }
        }
        change.version = sequence;
        change.at = at;
        change.timeline.add(new Entry(event.transferId(), sequence, event.getClass().getSimpleName(), at, eventId));
    }

    /**
     * The changes of the root unit of work: a poll's commands each run in a unit of work nested in the poll's, and
     * their events reach this view as the poll commits, so the whole poll's transfers are written together.
     */
    private Map<String, Change> pending() {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return unitOfWork.getOrComputeResource(PENDING, key -> {
            Map<String, Change> changes = new LinkedHashMap<>();
            unitOfWork.onPrepareCommit(u -> write(changes));
            return changes;
        });
    }

    /**
     * The unit of work's transfers: the new ones inserted, the others updated (in the order of their ids, so that
     * two units of work lock them in one order), and the timeline entries of those the view has.
     */
    private void write(Map<String, Change> changes) {
        List<Inserted> inserted = new ArrayList<>();
        List<Updated> updated = new ArrayList<>();
        List<Entry> entries = new ArrayList<>();
        for (Change change : changes.values()) {
            Started s = change.started;
            if (s != null) {
                inserted.add(new Inserted(change.transferId, s.direction(), s.idempotencyKey(), s.debtorIban(),
                        s.creditorIban(), s.amount(), s.currency(), s.reference(), s.interbank(), change.status,
                        change.reason, change.version, change.timeline.get(0).at(), change.at));
            } else {
                updated.add(new Updated(change.transferId, change.status, change.reason, change.version, change.at));
            }
            entries.addAll(change.timeline);
        }
        updated.sort(Comparator.comparing(Updated::transferId));
        try (Connection connection = dataSource.getConnection()) {
            INSERT.run(connection, inserted);
            UPDATE.run(connection, updated);
            TIMELINE.run(connection, entries);
        } catch (SQLException e) {
            throw new IllegalStateException("could not update the transfer view", e);
        }
    }
}
