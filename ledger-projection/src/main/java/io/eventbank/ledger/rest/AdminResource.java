package io.eventbank.ledger.rest;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.eventbank.infrastructure.security.Roles;
import io.eventbank.infrastructure.rest.Problem;
import io.eventbank.infrastructure.rest.Listing;
import io.eventbank.infrastructure.rest.ProblemException;
import io.eventbank.ledger.projection.ReadModel;
import io.eventbank.ledger.projection.ReadModels;
import io.eventbank.ledger.replay.Replays;
import io.eventbank.ledger.verify.Verification;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The read models that can be replayed, their state and progress, replay, settlement and verification. */
@RolesAllowed(Roles.SERVICE)
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "operations")
public class AdminResource {

    @Inject
    DataSource dataSource;
    @Inject
    ReadModels models;
    @Inject
    Replays replays;
    @Inject
    Positions positions;
    @Inject
    Verification verification;

    /** A read model: live or replaying, the generation that serves, and a running or finished replay's progress. */
    public record Projection(String name, String state, int liveGeneration, Replay replay,
            Positions.Position position) {
    }

    /** A replay's progress: events applied and remaining, rate, state. */
    public record Replay(String replayId, String status, Integer generation, Instant startedAt, Instant finishedAt,
            long applied, long remaining, double eventsPerSecond, String error) {
    }

    public record ReplayStarted(String replayId, String name, String status) {
    }

    public record Settlement(String bankCode, String currency, String position) {
    }

    @GET
    @Path("/projections")
    @Operation(summary = "The read models that can be replayed, with their state")
    public Listing<Projection> projections() {
        List<Projection> all = new ArrayList<>();
        for (ReadModel model : models.all()) {
            all.add(projection(model.name()));
        }
        return Listing.of(all);
    }

    @GET
    @Path("/projections/{name}")
    @Operation(summary = "A read model's state: live or replaying, progress, position")
    public Projection projection(@PathParam("name") String name) {
        models.byName(name).orElseThrow(() -> new ProblemException(Problem.of(404, "UNKNOWN_PROJECTION",
                "No such read model", "no read model " + name)));
        try (Connection c = dataSource.getConnection(); PreparedStatement query = c.prepareStatement(
                "select live_generation, replay_id, replay_status, replay_generation, replay_started_at,"
                        + " replay_finished_at, replay_applied, replay_error from projection_state where name = ?")) {
            query.setString(1, name);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                int live = row.getInt(1);
                String status = row.getString(3);
                Replay replay = null;
                if (row.getString(2) != null) {
                    Instant started = row.getTimestamp(5).toInstant();
                    Instant finished = row.getTimestamp(6) == null ? null : row.getTimestamp(6).toInstant();
                    long applied = row.getLong(7);
                    int generation = row.getInt(4);
                    double seconds = Duration.between(started, finished == null ? Instant.now() : finished)
                            .toMillis() / 1000.0;
                    long remaining = "REPLAYING".equals(status) ? remaining(c, name, live, generation) : 0;
                    replay = new Replay(row.getString(2), status, generation, started, finished, applied, remaining,
                            seconds > 0 ? Math.round(applied / seconds * 10) / 10.0 : 0, row.getString(8));
                }
                return new Projection(name, "REPLAYING".equals(status) ? "REPLAYING" : "LIVE", live, replay,
                        positions.of(name));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @POST
    @Path("/projections/{name}/replay")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Rebuild a read model (or all) from the events, beside the live one; 202 with a replay id")
    public Response replay(@PathParam("name") String name) {
        String replayId = replays.start(name);
        return Response.accepted(new ReplayStarted(replayId, name, "REPLAYING"))
                .location(URI.create("/v1/projections/" + (name.equals("all") ? "" : name)))
                .build();
    }

    @GET
    @Path("/settlements")
    @Operation(summary = "What each hosted bank has taken in (positive) or paid out (negative) for other banks")
    public Listing<Settlement> settlements() {
        List<Settlement> all = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement query = c.prepareStatement(
                "select bank_code, currency, position from settlement_position p join projection_state s"
                        + " on s.name = 'settlements' and s.live_generation = p.generation order by 1, 2");
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                all.add(new Settlement(rows.getString(1), rows.getString(2),
                        io.eventbank.contracts.Money.format(rows.getLong(3), rows.getString(2))));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return Listing.of(all);
    }

    @GET
    @Path("/verification")
    @Operation(summary = "Checks the invariants on the read models: the journal sums to zero, each balance is the"
            + " sum of its statement and equals account-service's, settlement positions net to zero across banks,"
            + " no record is parked")
    public Verification.Result verify() {
        return verification.verify();
    }

    private static long remaining(Connection c, String name, int live, int replayed) throws SQLException {
        try (PreparedStatement query = c.prepareStatement("select coalesce(sum(greatest(l.next_offset"
                + " - coalesce(r.next_offset, 0), 0)), 0) from applied_offset l left join applied_offset r"
                + " on r.projection = l.projection and r.generation = ? and r.topic = l.topic"
                + " and r.partition = l.partition where l.projection = ? and l.generation = ?")) {
            query.setInt(1, replayed);
            query.setString(2, name);
            query.setInt(3, live);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }
}
