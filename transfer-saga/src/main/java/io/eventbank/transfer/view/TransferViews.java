package io.eventbank.transfer.view;

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

import io.eventbank.contracts.transfer.TransferDirection;
import io.eventbank.contracts.transfer.TransferStatus;

/** Reads transfers and their timelines. */
@ApplicationScoped
public class TransferViews {

    @Inject
    DataSource dataSource;

    /** The transfer and its timeline, in one statement. */
    public Optional<TransferView> find(String transferId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "select v.transfer_id, v.direction, v.idempotency_key, v.debtor_iban, v.creditor_iban,"
                                + " v.amount, v.currency, v.reference, v.interbank, v.status, v.failure_reason,"
                                + " v.version, v.created_at, v.updated_at, t.type, t.at, t.event_id"
                                + " from transfer_view v left join transfer_timeline t on t.transfer_id = v.transfer_id"
                                + " where v.transfer_id = ? order by t.seq")) {
            query.setString(1, transferId);
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                List<TransferView.TimelineEntry> timeline = new ArrayList<>();
                TransferView view = new TransferView(rows.getString(1), TransferDirection.valueOf(rows.getString(2)),
                        rows.getString(3), rows.getString(4), rows.getString(5), rows.getLong(6), rows.getString(7),
                        rows.getString(8), rows.getBoolean(9), TransferStatus.valueOf(rows.getString(10)),
                        rows.getString(11), rows.getLong(12), rows.getTimestamp(13).toInstant(),
                        rows.getTimestamp(14).toInstant(), timeline);
                do {
                    if (rows.getString(15) != null) {
                        timeline.add(new TransferView.TimelineEntry(rows.getString(15),
                                rows.getTimestamp(16).toInstant(), rows.getString(17)));
                    }
                } while (rows.next());
                return Optional.of(view);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read transfer " + transferId, e);
        }
    }

    /** A transfer from an account that is not final: its money may still come back to the account (a refund). */
    public record InFlight(String transferId, TransferStatus status, Instant createdAt) {
    }

    /**
     * The transfers from an account that are not final, oldest first: read in the transaction that their events are
     * written in, so a transfer is here from the moment it was requested until it is final.
     */
    public List<InFlight> inFlightFrom(String debtorIban, int limit) {
        List<InFlight> inFlight = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "select transfer_id, status, created_at from transfer_view"
                                + " where status not in ('COMPLETED', 'FAILED') and debtor_iban = ?"
                                + " order by created_at limit ?")) {
            query.setString(1, debtorIban);
            query.setInt(2, limit);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    inFlight.add(new InFlight(rows.getString(1), TransferStatus.valueOf(rows.getString(2)),
                            rows.getTimestamp(3).toInstant()));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the transfers in flight from " + debtorIban, e);
        }
        return inFlight;
    }

    /** Whether any transfer of this service is within one bank (one requested before account-service booked them). */
    public boolean anyWithinOneBank() {
        try (Connection connection = dataSource.getConnection(); PreparedStatement query = connection.prepareStatement(
                "select exists (select 1 from transfer_view where direction = 'OUTGOING' and not interbank)");
                ResultSet row = query.executeQuery()) {
            row.next();
            return row.getBoolean(1);
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the transfers", e);
        }
    }

    /** A transfer that is not final and has had no event for a while. */
    public record Stale(String transferId, TransferDirection direction, TransferStatus status, Instant since) {
    }

    /** Transfers that are not final and have had no event since {@code before}, the longest waiting first. */
    public List<Stale> stale(Instant before, int limit) {
        List<Stale> stale = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "select transfer_id, direction, status, updated_at from transfer_view"
                                + " where status not in ('COMPLETED', 'FAILED') and updated_at < ?"
                                + " order by updated_at limit ?")) {
            query.setTimestamp(1, java.sql.Timestamp.from(before));
            query.setInt(2, limit);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    stale.add(new Stale(rows.getString(1), TransferDirection.valueOf(rows.getString(2)),
                            TransferStatus.valueOf(rows.getString(3)), rows.getTimestamp(4).toInstant()));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the transfers that are not final", e);
        }
        return stale;
    }
}
