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

    public Optional<TransferView> find(String transferId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "select transfer_id, direction, idempotency_key, debtor_iban, creditor_iban, amount, currency,"
                                + " reference, interbank, status, failure_reason, version, created_at, updated_at"
                                + " from transfer_view where transfer_id = ?")) {
            query.setString(1, transferId);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new TransferView(row.getString(1), TransferDirection.valueOf(row.getString(2)),
                        row.getString(3), row.getString(4), row.getString(5), row.getLong(6), row.getString(7),
                        row.getString(8), row.getBoolean(9), TransferStatus.valueOf(row.getString(10)),
                        row.getString(11), row.getLong(12), row.getTimestamp(13).toInstant(),
                        row.getTimestamp(14).toInstant(), timeline(connection, transferId)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read transfer " + transferId, e);
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

    private static List<TransferView.TimelineEntry> timeline(Connection connection, String transferId)
            throws SQLException {
        List<TransferView.TimelineEntry> entries = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(
                "select type, at, event_id from transfer_timeline where transfer_id = ? order by seq")) {
            query.setString(1, transferId);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    entries.add(new TransferView.TimelineEntry(rows.getString(1), rows.getTimestamp(2).toInstant(),
                            rows.getString(3)));
                }
            }
        }
        return entries;
    }
}
