package io.eventbank.ledger.model;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.eventbank.contracts.Money;
import io.eventbank.contracts.transfer.TransferStatus;

/**
 * What operators watch of the transfers read model: the transfers that are not final yet, and how many became final
 * in each slice of the last minutes with how long they took (from request to final, as the events say).
 */
@ApplicationScoped
public class TransferActivity {

    /** A transfer that is not final: how long it has been on its way and what it waits for. */
    public record Unfinished(String transferId, String direction, String status, String awaiting, String debtorIban,
            String creditorIban, String amount, String currency, boolean interbank, Instant createdAt,
            Instant updatedAt, long ageSeconds) {
    }

    /** The transfers that became final in one slice of time, and the latency of the completed ones. */
    public record Slice(Instant at, long completed, long failed, Double latencyP50Ms, Double latencyP99Ms) {
    }

    public record Activity(Instant from, Instant to, long sliceSeconds, List<Slice> slices) {
    }

    private static final String LIVE = " join projection_state s on s.name = 'transfers'"
            + " and s.live_generation = t.generation";

    @Inject
    DataSource dataSource;

    /** The transfers that are not final, oldest first, and whether there are more than {@code limit}. */
    public List<Unfinished> unfinished(int limit) {
        List<Unfinished> all = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement query = c.prepareStatement(
                "select transfer_id, direction, status, debtor_iban, creditor_iban, amount, currency, interbank,"
                        + " created_at, updated_at from transfer t" + LIVE
                        + " where status not in ('COMPLETED', 'FAILED') order by created_at, transfer_id limit ?")) {
            query.setInt(1, limit);
            Instant now = Instant.now();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    TransferStatus status = TransferStatus.valueOf(rows.getString(3));
                    Instant created = rows.getTimestamp(9).toInstant();
                    all.add(new Unfinished(rows.getString(1), rows.getString(2), status.name(), status.awaiting(),
                            rows.getString(4), rows.getString(5), Money.format(rows.getLong(6), rows.getString(7)),
                            rows.getString(7), rows.getBoolean(8), created, rows.getTimestamp(10).toInstant(),
                            Math.max(0, Duration.between(created, now).toSeconds())));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return all;
    }

    /**
     * The last {@code window} in slices of {@code slice}, oldest first, every slice present (an empty one counts
     * zero): the transfers that became final in it, and the p50 and p99 of the completed ones' latency.
     */
    public Activity activity(Duration window, Duration slice) {
        long sliceSeconds = slice.toSeconds();
        Instant to = Instant.ofEpochSecond((Instant.now().getEpochSecond() / sliceSeconds + 1) * sliceSeconds);
        Instant from = to.minus(window);
        int count = (int) (window.toSeconds() / sliceSeconds);
        Slice[] slices = new Slice[count];
        try (Connection c = dataSource.getConnection(); PreparedStatement query = c.prepareStatement(
                "select floor((extract(epoch from updated_at) - ?) / ?)::int as slice,"
                        + " count(*) filter (where status = 'COMPLETED'), count(*) filter (where status = 'FAILED'),"
                        + " percentile_cont(0.5) within group (order by extract(epoch from updated_at - created_at))"
                        + "   filter (where status = 'COMPLETED'),"
                        + " percentile_cont(0.99) within group (order by extract(epoch from updated_at - created_at))"
                        + "   filter (where status = 'COMPLETED')"
                        + " from transfer t" + LIVE + " where updated_at >= ? and updated_at < ?"
                        + " and status in ('COMPLETED', 'FAILED') group by 1")) {
            query.setLong(1, from.getEpochSecond());
            query.setLong(2, sliceSeconds);
            query.setTimestamp(3, Timestamp.from(from));
            query.setTimestamp(4, Timestamp.from(to));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    int i = rows.getInt(1);
                    if (i >= 0 && i < count) {
                        slices[i] = new Slice(from.plusSeconds(i * sliceSeconds), rows.getLong(2), rows.getLong(3),
                                milliseconds(rows, 4), milliseconds(rows, 5));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        List<Slice> all = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            all.add(slices[i] != null ? slices[i] : new Slice(from.plusSeconds(i * sliceSeconds), 0, 0, null, null));
        }
        return new Activity(from, to, sliceSeconds, all);
    }

    private static Double milliseconds(ResultSet rows, int column) throws SQLException {
        double seconds = rows.getDouble(column);
        return rows.wasNull() ? null : Math.round(seconds * 10_000) / 10.0;
    }
}
