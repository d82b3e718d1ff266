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
import io.eventbank.contracts.account.AccountCreditedEvent;
import io.eventbank.contracts.account.AccountDebitRejectedEvent;
import io.eventbank.contracts.account.AccountDebitedEvent;
import io.eventbank.contracts.transfer.IncomingTransferReceivedEvent;
import io.eventbank.contracts.transfer.TransferEvent;
import io.eventbank.contracts.transfer.TransferFailure;
import io.eventbank.contracts.transfer.TransferRequestedEvent;
import io.eventbank.contracts.transfer.TransferStatus;
import io.eventbank.infrastructure.jdbc.BatchStatement;

/**
 * Transfers: their current state, failure reason, and the timeline of their events. A batch creates the transfers it
 * starts in one statement, moves each of the others once (to what its latest events of the batch say, where those are
 * past the row's sequence) in one more, and adds their timelines in a third.
 * <p>
 * A transfer within one bank that account-service booked by itself has no event of its own: it is its accounts'
 * events, marked {@code direct}, final each of them (the debit and the credit of one transaction, or the payer's
 * refusal alone). Whichever of them comes first makes the transfer, COMPLETED or FAILED; its version is the
 * sequence of the last of them (0 the debit or refusal, 1 the credit), so that a read of version 1 sees both; it
 * was created at its first event's time and updated at its last one's, in whichever order they come (they travel on
 * two partitions, and a replay may take them the other way round).
 * Every other account event is not a transfer's.
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

    /** A transfer the saga started (outgoing) or received (incoming): its row, REQUESTED. */
    private record Started(int generation, String transferId, String direction, String debtorIban,
            String creditorIban, long amount, String currency, String reference, boolean interbank, long version,
            Instant createdAt, Instant updatedAt) {
    }

    /** A saga transfer's change in a batch: status and reason each with the sequence that set it (-1: not set). */
    private record Changed(int generation, String transferId, long statusSeq, String status, long reasonSeq,
            String reason, long version, Instant at) {
    }

    /** An entry of a transfer's timeline. */
    private record Entry(int generation, String transferId, long sequence, String type, Instant at, String eventId) {
    }

    private static final BatchStatement<Started> START = BatchStatement.of(Started.class, "insert into transfer"
            + " (generation, transfer_id, direction, debtor_iban, creditor_iban, amount, currency, reference,"
            + " interbank, status, version, created_at, updated_at) select generation, transfer_id, direction,"
            + " debtor_iban, creditor_iban, amount, currency, reference, interbank, 'REQUESTED', version, created_at,"
            + " updated_at from {rows} on conflict do nothing");

    private static final BatchStatement<Changed> CHANGE = BatchStatement.of(Changed.class, "update transfer t set"
            + " status = case when v.status_seq > t.version then v.status else t.status end,"
            + " failure_reason = case when v.reason_seq > t.version then v.reason else t.failure_reason end,"
            + " version = v.version, updated_at = v.at from {rows}"
            + " where t.generation = v.generation and t.transfer_id = v.transfer_id and t.version < v.version");

    /** The first of a transfer's direct events makes it; a later one moves its version on. */
    private static final BatchStatement<Direct.Row> BOOK = BatchStatement.of(Direct.Row.class, "insert into transfer"
            + " (generation, transfer_id, direction, debtor_iban, creditor_iban, amount, currency, reference,"
            + " interbank, status, failure_reason, version, created_at, updated_at) select generation, transfer_id,"
            + " 'OUTGOING', debtor_iban, creditor_iban, amount, currency, reference, false, status, failure_reason,"
            + " version, created_at, updated_at from {rows} on conflict (generation, transfer_id) do update set"
            + " version = greatest(transfer.version, excluded.version),"
            + " created_at = least(transfer.created_at, excluded.created_at),"
            + " updated_at = greatest(transfer.updated_at, excluded.updated_at)");

    /** A payment that is only the answer to a status request (never received) has no transfer to show. */
    private static final BatchStatement<Entry> TIMELINE = BatchStatement.of(Entry.class, "insert into transfer_event"
            + " (generation, transfer_id, sequence, type, at, event_id) select v.* from {rows}"
            + " where exists (select 1 from transfer t where t.generation = v.generation"
            + " and t.transfer_id = v.transfer_id) on conflict do nothing");

    private static final About ABOUT = new About("transfers", List.of(Topics.TRANSFER_EVENTS, Topics.ACCOUNT_EVENTS),
            List.of("transfer", "transfer_event"));

    @Override
    public About about() {
        return ABOUT;
    }

    @Override
    public void apply(List<ProjectedRecord> records, int generation, Connection c) throws SQLException {
        List<Started> started = new ArrayList<>();
        Map<String, Change> changes = new LinkedHashMap<>();
        List<Entry> timeline = new ArrayList<>();
        Map<String, Direct.Row> booked = new LinkedHashMap<>();
        for (ProjectedRecord r : records) {
            if (r.topic().equals(Topics.ACCOUNT_EVENTS)) {
                Direct.of(r.event()).ifPresent(direct -> {
                    booked.merge(direct.transferId(), direct.row(generation, r.envelope().timestamp()),
                            Direct.Row::merged);
                    timeline.add(new Entry(generation, direct.transferId(), direct.sequence(), r.type(),
                            r.envelope().timestamp(), r.envelope().id()));
                });
                continue;
            }
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
            timeline.add(new Entry(generation, id, sequence, r.type(), at, r.envelope().id()));
        }
        START.run(c, started);
        List<Changed> rows = new ArrayList<>();
        changes.forEach((id, ch) -> rows.add(new Changed(generation, id, ch.statusSequence, ch.status,
                ch.reasonSequence, ch.reason, ch.version, ch.at)));
        CHANGE.run(c, rows);
        BOOK.run(c, booked.values());
        TIMELINE.run(c, timeline);
    }

    /** An account's event of a transfer within one bank that account-service booked by itself. */
    private record Direct(String transferId, String debtorIban, String creditorIban, Money amount, String reference,
            String status, String reason, long sequence) {

        static java.util.Optional<Direct> of(Object event) {
            if (event instanceof AccountDebitedEvent debited && debited.direct()) {
                return java.util.Optional.of(new Direct(debited.transferId(), debited.iban(),
                        debited.counterpartyIban(), debited.amount(), debited.reference(), "COMPLETED", null, 0));
            }
            if (event instanceof AccountCreditedEvent credited && credited.direct()) {
                return java.util.Optional.of(new Direct(credited.transferId(), credited.counterpartyIban(),
                        credited.iban(), credited.amount(), credited.reference(), "COMPLETED", null, 1));
            }
            if (event instanceof AccountDebitRejectedEvent rejected && rejected.direct()) {
                return java.util.Optional.of(new Direct(rejected.transferId(), rejected.iban(),
                        rejected.counterpartyIban(), rejected.amount(), rejected.reference(), "FAILED",
                        rejected.reason().name(), 0));
            }
            return java.util.Optional.empty();
        }

        /** Its transfer's row. */
        Row row(int generation, Instant at) {
            return new Row(generation, transferId, debtorIban, creditorIban, amount.minorUnits(), amount.currency(),
                    reference, status, reason, sequence, at, at);
        }

        /** The row of a transfer booked by account-service, as its events of a batch make it. */
        private record Row(int generation, String transferId, String debtorIban, String creditorIban, long amount,
                String currency, String reference, String status, String failureReason, long version,
                Instant createdAt, Instant updatedAt) {

            /**
             * Two events of one transfer in one batch, as one row: whichever order they come in (live or in a
             * replay), the transfer is created at its first event's time and updated at its last one's, at its last
             * version.
             */
            static Row merged(Row one, Row other) {
                Row last = one.version >= other.version ? one : other;
                return new Row(last.generation, last.transferId, last.debtorIban, last.creditorIban, last.amount,
                        last.currency, last.reference, last.status, last.failureReason, last.version,
                        one.createdAt.isBefore(other.createdAt) ? one.createdAt : other.createdAt,
                        one.updatedAt.isAfter(other.updatedAt) ? one.updatedAt : other.updatedAt);
            }
        }
    }

    private static Started started(int generation, String id, String direction, String debtorIban,
            String creditorIban, Money amount, String reference, boolean interbank, long sequence, Instant at) {
        return new Started(generation, id, direction, debtorIban, creditorIban,
                amount == null ? 0 : amount.minorUnits(), amount == null ? null : amount.currency(), reference,
                interbank, sequence, at, at);
    }
}
