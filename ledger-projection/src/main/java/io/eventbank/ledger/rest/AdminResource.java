package io.eventbank.ledger.rest;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.eventbank.infrastructure.security.Roles;
import io.eventbank.infrastructure.rest.ProblemType;
import io.eventbank.infrastructure.rest.Listing;
import io.eventbank.infrastructure.rest.PageSize;
import io.eventbank.infrastructure.rest.ProblemException;
import io.eventbank.ledger.projection.ReadModel;
import io.eventbank.ledger.model.SettlementPositions;
import io.eventbank.ledger.model.TransferActivity;
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
    SettlementPositions settlementPositions;
    @Inject
    ReadModels models;
    @Inject
    Replays replays;
    @Inject
    Positions positions;
    @Inject
    Verification verification;
    @Inject
    TransferActivity activity;
    @Inject
    io.eventbank.ledger.projection.ProjectionLag lag;

    /**
     * A read model: live or replaying, the generation that serves, a running or finished replay's progress, and how
     * late the live read models applied the events of their last batch ({@code lastBatchDelayMs}).
     */
    public record Projection(String name, String state, int liveGeneration, Replays.Progress replay,
            Positions.Position asOf, long lastBatchDelayMs) {
    }

    public record ReplayStarted(String replayId, String name, String status) {
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
    @Operation(summary = "A read model's state: live or replaying, progress, how far it has got (asOf)")
    public Projection projection(@PathParam("name") String name) {
        models.byName(name).orElseThrow(() -> ProblemType.UNKNOWN_PROJECTION.exception("no read model " + name));
        Replays.State state = replays.state(name);
        return new Projection(name, state.replaying() ? "REPLAYING" : "LIVE", state.liveGeneration(), state.replay(),
                positions.of(name), lag.lastBatchDelay().toMillis());
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
    public Listing<SettlementPositions.Settlement> settlements() {
        return Listing.of(settlementPositions.live());
    }

    @GET
    @Path("/settlements/history")
    @Operation(summary = "Each bank's settlement position over the last minutes (60 by default, at most 1440)")
    public Listing<SettlementPositions.History> settlementHistory(@QueryParam("minutes") String minutes) {
        return Listing.of(settlementPositions.since(Instant.now().minus(minutes(minutes, 60, 1440))));
    }

    @GET
    @Path("/transfers/unfinished")
    @Operation(summary = "The transfers that are not final, oldest first, with what each waits for")
    public Listing<TransferActivity.Unfinished> unfinished(@QueryParam("limit") String limit) {
        return Listing.of(activity.unfinished(PageSize.of(limit, 100, 500)));
    }

    @GET
    @Path("/activity")
    @Operation(summary = "Transfers that became final in each 10 s of the last minutes (10 by default, at most 60),"
            + " with the completed ones' latency from request to final")
    public TransferActivity.Activity activity(@QueryParam("minutes") String minutes) {
        return activity.activity(minutes(minutes, 10, 60), Duration.ofSeconds(10));
    }

    /** A {@code minutes} parameter: a whole number from 1 to {@code most}. */
    private static Duration minutes(String minutes, int otherwise, int most) {
        if (minutes == null) {
            return Duration.ofMinutes(otherwise);
        }
        if (!minutes.matches("\\d{1,5}") || Integer.parseInt(minutes) < 1 || Integer.parseInt(minutes) > most) {
            throw ProblemException.invalid("minutes", "minutes is a whole number from 1 to " + most);
        }
        return Duration.ofMinutes(Integer.parseInt(minutes));
    }

    @GET
    @Path("/verification")
    @Operation(summary = "Checks the invariants on the read models: the journal sums to zero, each balance is the"
            + " sum of its statement and equals account-service's, settlement positions net to zero across banks,"
            + " no record is parked")
    public Verification.Result verify() {
        return verification.verify();
    }
}
