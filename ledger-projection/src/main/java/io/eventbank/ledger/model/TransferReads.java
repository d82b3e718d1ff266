package io.eventbank.ledger.model;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.eventbank.contracts.transfer.TransferStatus;

/**
 * Reads a transfer of the transfers read model's live generation with its timeline, in one statement: the read that
 * waits for a transfer to be final looks with it and answers with what it saw last (it took a count, the live
 * generation, the row and the timeline, four statements, before).
 */
@ApplicationScoped
public class TransferReads {

    /** A transfer as the live read model has it. */
    public record Transfer(String id, String direction, String debtorIban, String creditorIban, long amount,
            String currency, String reference, boolean interbank, String status, String failureReason, long version,
            Instant createdAt, Instant updatedAt, List<Step> timeline) {

        public boolean isFinal() {
            return TransferStatus.valueOf(status).isFinal();
        }
    }

    /** One event of a transfer's timeline. */
    public record Step(String type, Instant at, String eventId) {
    }

    private static final String LIVE = " from transfer t join projection_state s on s.name = 'transfers'"
            + " and s.live_generation = t.generation";

    @Inject
    DataSource dataSource;

    /** The transfer and its events in order, or empty while the live generation has none. */
    public Optional<Transfer> find(String transferId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement query = c.prepareStatement(
                "select t.transfer_id, t.direction, t.debtor_iban, t.creditor_iban, t.amount, t.currency,"
                        + " t.reference, t.interbank, t.status, t.failure_reason, t.version, t.created_at,"
                        + " t.updated_at, e.type, e.at, e.event_id" + LIVE
                        + " left join transfer_event e on e.generation = t.generation"
                        + " and e.transfer_id = t.transfer_id where t.transfer_id = ? order by e.sequence")) {
            query.setString(1, transferId);
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                List<Step> timeline = new ArrayList<>();
                Transfer transfer = new Transfer(rows.getString(1), rows.getString(2), rows.getString(3),
                        rows.getString(4), rows.getLong(5), rows.getString(6), rows.getString(7),
                        rows.getBoolean(8), rows.getString(9), rows.getString(10), rows.getLong(11),
                        rows.getTimestamp(12).toInstant(), rows.getTimestamp(13).toInstant(), timeline);
                do {
                    if (rows.getString(14) != null) {
                        timeline.add(new Step(rows.getString(14), rows.getTimestamp(15).toInstant(),
                                rows.getString(16)));
                    }
                } while (rows.next());
                return Optional.of(transfer);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read transfer " + transferId, e);
        }
    }

    /** The version the live generation has of the transfer, -1 while it has none: one query, never cached. */
    public long appliedVersion(String transferId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement query = c.prepareStatement(
                "select coalesce(max(t.version), -1)" + LIVE + " where t.transfer_id = ?")) {
            query.setString(1, transferId);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read transfer " + transferId, e);
        }
    }
}
