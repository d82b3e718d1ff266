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
 * of one command (two or three, as a rule) are written together when its unit of work commits: the transfer's row
 * once, with the state the last of them left, and its timeline in one statement.
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
        Object[] insert;
        String status;
        String reason;
        long version;
        java.sql.Timestamp at;
        final List<Object[]> timeline = new ArrayList<>();
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
        Change change = pending().computeIfAbsent(event.transferId(), id -> new Change());
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

    private Map<String, Change> pending() {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        return unitOfWork.getOrComputeResource(PENDING, key -> {
            Map<String, Change> changes = new LinkedHashMap<>();
            unitOfWork.onPrepareCommit(u -> write(changes));
            return changes;
        });
    }

    private void write(Map<String, Change> changes) {
        try (Connection connection = dataSource.getConnection()) {
            for (Change change : changes.values()) {
                if (change.insert != null) {
                    Object[] i = change.insert;
                    update(connection, "insert into transfer_view (transfer_id, direction, idempotency_key,"
                                    + " debtor_iban, creditor_iban, amount, currency, reference, interbank, status,"
                                    + " failure_reason, version, created_at, updated_at)"
                                    + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            i[0], i[1], i[2], i[3], i[4], i[5], i[6], i[7], i[8], change.status, change.reason,
                            change.version, change.timeline.get(0)[3], change.at);
                } else {
                    update(connection, "update transfer_view set status = coalesce(?, status),"
                                    + " failure_reason = coalesce(?, failure_reason), version = ?, updated_at = ?"
                                    + " where transfer_id = ?",
                            change.status, change.reason, change.version, change.at, change.timeline.get(0)[0]);
                }
                timeline(connection, change.timeline);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not update the transfer view", e);
        }
    }

    /** A payment that is only a status request's answer (never received) has no transfer to show: no timeline. */
    private static void timeline(Connection connection, List<Object[]> entries) throws SQLException {
        StringBuilder sql = new StringBuilder("insert into transfer_timeline (transfer_id, seq, type, at, event_id)"
                + " select v.* from (values ");
        for (int i = 0; i < entries.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(?, ?::bigint, ?, ?::timestamptz, ?)");
        }
        sql.append(") v (transfer_id, seq, type, at, event_id)"
                + " where exists (select 1 from transfer_view t where t.transfer_id = v.transfer_id)");
        try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            int n = 1;
            for (Object[] entry : entries) {
                for (Object value : entry) {
                    statement.setObject(n++, value);
                }
            }
            statement.executeUpdate();
        }
    }

    private static void update(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        }
    }
}
