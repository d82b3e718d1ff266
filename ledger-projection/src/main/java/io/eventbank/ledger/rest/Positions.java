package io.eventbank.ledger.rest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.eventbank.infrastructure.rest.ProblemType;
import io.eventbank.infrastructure.rest.ProblemException;
import io.eventbank.ledger.projection.Arrivals;

/** How far a read model has got, and waiting (bounded) until it has applied an event. */
@ApplicationScoped
public class Positions {


    @Inject
    DataSource dataSource;
    @Inject
    io.eventbank.ledger.projection.Arrivals arrivals;

    /** The position of a read model: the time of the last event it applied and its next offset per partition. */
    public record Position(Instant lastEventAt, Map<String, Long> offsets) {
    }

    public int liveGeneration(String model) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement query = c.prepareStatement(
                        "select live_generation from projection_state where name = ?")) {
            query.setString(1, model);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public Position of(String model) {
        Map<String, Long> offsets = new TreeMap<>();
        Instant last = null;
        try (Connection c = dataSource.getConnection();
                PreparedStatement query = c.prepareStatement("select o.topic, o.partition, o.next_offset,"
                        + " o.last_event_at from applied_offset o join projection_state s on s.name = o.projection"
                        + " and s.live_generation = o.generation where o.projection = ?")) {
            query.setString(1, model);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    offsets.put(rows.getString(1) + "-" + rows.getInt(2), rows.getLong(3));
                    var at = rows.getTimestamp(4);
                    if (at != null && (last == null || at.toInstant().isAfter(last))) {
                        last = at.toInstant();
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return new Position(last, offsets);
    }

    /**
     * Done once the live audit log has the event (all live read models apply an event together), at most
     * {@code patience}; then 504. Holds no thread while it waits ({@link Arrivals}).
     */
    public CompletableFuture<Void> awaitEvent(String eventId, Duration patience, Executor looks) {
        if (eventId == null) {
            return CompletableFuture.completedFuture(null);
        }
        return arrivals.await(eventId, patience, () -> applied(eventId), looks).thenAccept(applied -> {
            if (!applied) {
                throw ProblemType.NOT_YET_APPLIED.exception(
                        "the read models have not applied event " + eventId + " within " + patience.toMillis()
                                + " ms; ask again");
            }
        });
    }

    /** Refuses a {@code version} that is not a whole number from 0, before anything waits. */
    public static void checkVersion(String version) {
        if (version != null && !version.matches("\\d{1,18}")) {
            throw ProblemException.invalid("version", "version is a whole number from 0 (a write's version)");
        }
    }

    /**
     * Read-your-writes by version: done once the read model has applied event number {@code version} of the account
     * or transfer (the {@code version} its write answered with), at most {@code patience}; 504 after that. Holds no
     * thread while it waits.
     */
    public CompletableFuture<Void> awaitVersion(String aggregateId, String version, Duration patience,
            java.util.function.LongSupplier applied, Executor looks) {
        checkVersion(version);
        if (version == null) {
            return CompletableFuture.completedFuture(null);
        }
        long wanted = Long.parseLong(version);
        return arrivals.await(Arrivals.aggregateKey(aggregateId), patience, () -> applied.getAsLong() >= wanted, looks)
                .thenAccept(done -> {
                    if (!done) {
                        throw ProblemType.NOT_YET_APPLIED.exception(
                                "the read models have not applied version " + wanted + " of " + aggregateId
                                        + " within " + patience.toMillis() + " ms; ask again");
                    }
                });
    }

    private boolean applied(String eventId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement query = c.prepareStatement("select 1 from audit_event a join projection_state s"
                        + " on s.name = 'audit' and s.live_generation = a.generation where a.event_id = ?")) {
            query.setString(1, eventId);
            try (ResultSet row = query.executeQuery()) {
                return row.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

}
