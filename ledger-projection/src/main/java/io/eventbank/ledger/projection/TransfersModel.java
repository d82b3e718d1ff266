package io.eventbank.ledger.projection;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Singleton;

import io.eventbank.contracts.Money;
import io.eventbank.contracts.transfer.IncomingTransferReceivedEvent;
import io.eventbank.contracts.transfer.TransferEvent;
import io.eventbank.contracts.transfer.TransferFailure;
import io.eventbank.contracts.transfer.TransferRequestedEvent;
import io.eventbank.contracts.transfer.TransferStatus;

/**
 * Transfers: their current state, failure reason, and the timeline of their events. A batch creates the transfers it
 * starts in one statement, moves each of the others once (to what its latest events of the batch say, where those are
 * past the row's sequence) in one more, and adds their timelines in a third.
 */
@Singleton
public final class TransfersModel implements ReadModel {

    /** What a batch's events say of one transfer: status and reason with the sequence of the event that set each. */
    private static final class Change {
        long statusSequence = -1;
        String status;
        long reasonSequence = -1;
        String reason;
        long version = -1;
        Instant at;
    }

    @Override
    public String name() {
        return "transfers";
    }

    @Override
    public List<String> topics() {
        return List.of(Topics.TRANSFER_EVENTS);
    }

    @Override
    public List<String> tables() {
        return List.of("transfer", "transfer_event");
    }

    @Override
    public void apply(List<ProjectedRecord> records, int generation, Connection c) throws SQLException {
        List<Object[]> started = new ArrayList<>();
        Map<String, Change> changes = new LinkedHashMap<>();
        List<Object[]> timeline = new ArrayList<>();
        for (ProjectedRecord r : records) {
            if (!(r.event() instanceof TransferEvent event)) {
                throw new IllegalArgumentException(r.type() + " is not a transfer's event");
            }
            String id = event.transferId();
            long sequence = r.envelope().sequence() == null ? 0 : r.envelope().sequence();
            Instant at = r.envelope().timestamp();
            if (event instanceof TransferRequestedEvent requested) {
                started.add(started(generation, id, "OUTGOING", requested.debtorIban(), requested.creditorIban(),
                        requested.amount(), requested.reference(), requested.interbank(), sequence, at));
            } else if (event instanceof IncomingTransferReceivedEvent received) {
                started.add(started(generation, id, "INCOMING", received.debtorIban(), received.creditorIban(),
                        received.amount(), received.reference(), true, sequence, at));
            } else {
                Change change = changes.computeIfAbsent(id, t -> new Change());
                TransferStatus status = TransferStatus.after(event);
                if (status != null && sequence > change.statusSequence) {
                    change.statusSequence = sequence;
                    change.status = status.name();
                }
                TransferFailure reason = TransferFailure.of(event);
                if (reason != null && sequence > change.reasonSequence) {
                    change.reasonSequence = sequence;
                    change.reason = reason.name();
                }
                if (sequence > change.version) {
                    change.version = sequence;
                    change.at = at;
                }
            }
            timeline.add(new Object[] {generation, id, sequence, r.type(), at, r.envelope().id()});
        }
        Sql.rows(c, "insert into transfer (generation, transfer_id, direction, debtor_iban, creditor_iban, amount,"
                + " currency, reference, interbank, status, version, created_at, updated_at) values ",
                "?, ?, ?, ?, ?, ?, ?, ?, ?, 'REQUESTED', ?, ?, ?", " on conflict do nothing", started);
        List<Object[]> rows = new ArrayList<>();
        changes.forEach((id, ch) -> rows.add(new Object[] {generation, id, ch.statusSequence, ch.status,
                ch.reasonSequence, ch.reason, ch.version, ch.at}));
        Sql.rows(c, "update transfer t set"
                        + " status = case when v.status_seq > t.version then v.status else t.status end,"
                        + " failure_reason = case when v.reason_seq > t.version then v.reason else t.failure_reason end,"
                        + " version = v.version, updated_at = v.at from (values ",
                "?::int, ?, ?::bigint, ?, ?::bigint, ?, ?::bigint, ?::timestamptz",
                ") v (generation, transfer_id, status_seq, status, reason_seq, reason, version, at)"
                        + " where t.generation = v.generation and t.transfer_id = v.transfer_id"
                        + " and t.version < v.version", rows);
        // a payment that is only the answer to a status request (never received) has no transfer to show
        Sql.rows(c, "insert into transfer_event (generation, transfer_id, sequence, type, at, event_id)"
                        + " select v.* from (values ",
                "?::int, ?, ?::bigint, ?, ?::timestamptz, ?",
                ") v (generation, transfer_id, sequence, type, at, event_id) where exists (select 1 from transfer t"
                        + " where t.generation = v.generation and t.transfer_id = v.transfer_id) on conflict do nothing",
                timeline);
    }

    private static Object[] started(int generation, String id, String direction, String debtorIban,
            String creditorIban, Money amount, String reference, boolean interbank, long sequence, Instant at) {
        return new Object[] {generation, id, direction, debtorIban, creditorIban,
                amount == null ? 0 : amount.minorUnits(), amount == null ? null : amount.currency(), reference,
                interbank, sequence, at, at};
    }
}
