package io.eventbank.transfer.view;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
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
        Object[] insert;
        String status;
        String reason;
        long version;
        java.sql.Timestamp at;
        final List<Object[]> timeline = new ArrayList<>();

        Change(String transferId) {
            this.transferId = transferId;
        }
    }

    @EventHandler
    void on(TransferEvent event, @SequenceNumber long sequence, @Timestamp Instant at,
            @MessageIdentifier String eventId) {
        java.sql.Timestamp when = java.sql.Timestamp.from(at);
        if (event instanceof io.eventbank.contracts.transfer.AccountLegRequestedEvent leg) {
            legs.requested(leg, at);
        } else {
            legs.answered(event.transferId(), at);
        }
        Change change = pending().computeIfAbsent(event.transferId(), Change::new);
        if (event instanceof TransferRequestedEvent requested) {
            change.insert = new Object[] {requested.transferId(), TransferDirection.OUTGOING.name(),
                    requested.idempotencyKey(), requested.debtorIban(), requested.creditorIban(),
                    requested.amount().minorUnits(), requested.amount().currency(), requested.reference(),
                    requested.interbank()};
            change.status = TransferStatus.REQUESTED.name();
        } else if (event instanceof IncomingTransferReceivedEvent received) {
            change.insert = new Object[] {received.transferId(), TransferDirection.INCOMING.name(),
                    received.messageId(), received.debtorIban(), received.creditorIban(),
                    received.amount().minorUnits(), received.amount().currency(), received.reference(), true};
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
        change.at = when;
        change.timeline.add(new Object[] {event.transferId(), sequence, event.getClass().getSimpleName(), when,
                eventId});
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
     * The unit of work's transfers in one statement whatever their number: the new ones inserted, the others updated
     * (in the order of their ids), and the timeline entries of those the view has.
     */
    private void write(Map<String, Change> changes) {
        List<Object[]> inserted = new ArrayList<>();
        List<Object[]> updated = new ArrayList<>();
        List<Object[]> entries = new ArrayList<>();
        for (Change change : changes.values()) {
            if (change.insert != null) {
                Object[] i = change.insert;
                inserted.add(new Object[] {i[0], i[1], i[2], i[3], i[4], i[5], i[6], i[7], i[8], change.status,
                        change.reason, change.version, change.timeline.get(0)[3], change.at});
            } else {
                updated.add(new Object[] {change.transferId, change.status, change.reason, change.version,
                        change.at});
            }
            entries.addAll(change.timeline);
        }
        updated.sort(java.util.Comparator.comparing(row -> (String) row[0]));
        StringBuilder sql = new StringBuilder();
        List<Object> parameters = new ArrayList<>();
        List<String> shown = new ArrayList<>();
        if (!inserted.isEmpty()) {
            sql.append("inserted as (insert into transfer_view (transfer_id, direction, idempotency_key, debtor_iban,"
                    + " creditor_iban, amount, currency, reference, interbank, status, failure_reason, version,"
                    + " created_at, updated_at) values ");
            values(sql, parameters, "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::timestamptz, ?::timestamptz)", inserted);
            sql.append(" returning transfer_id)");
            shown.add("inserted");
        }
        if (!updated.isEmpty()) {
            sql.append(sql.length() == 0 ? "" : ", ").append("updated as (update transfer_view t"
                    + " set status = coalesce(v.status, t.status), failure_reason = coalesce(v.reason, t.failure_reason),"
                    + " version = v.version, updated_at = v.at from (values ");
            values(sql, parameters, "(?::varchar, ?::varchar, ?::varchar, ?::bigint, ?::timestamptz)", updated);
            sql.append(") v (transfer_id, status, reason, version, at) where t.transfer_id = v.transfer_id"
                    + " returning t.transfer_id)");
            shown.add("updated");
        }
        sql.insert(0, "with ").append(" insert into transfer_timeline (transfer_id, seq, type, at, event_id)"
                + " select e.* from (values ");
        values(sql, parameters, "(?, ?::bigint, ?, ?::timestamptz, ?)", entries);
        // a payment that is only a status request's answer (never received) has no transfer to show: no timeline
        sql.append(") e (transfer_id, seq, type, at, event_id) where ").append(String.join(" or ",
                shown.stream().map(name -> "e.transfer_id in (select transfer_id from " + name + ")").toList()));
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            for (int i = 0; i < parameters.size(); i++) {
                statement.setObject(i + 1, parameters.get(i));
            }
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not update the transfer view", e);
        }
    }

    /** A {@code row} of placeholders for each of {@code rows}, separated by commas; their values in order. */
    private static void values(StringBuilder sql, List<Object> parameters, String row, List<Object[]> rows) {
        for (int i = 0; i < rows.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(row);
            parameters.addAll(java.util.Arrays.asList(rows.get(i)));
        }
    }
}
