package io.eventbank.gateway.rest;


import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.eventbank.infrastructure.accounts.AccountBodies;
import io.eventbank.gateway.client.AccountServiceClient;
import io.eventbank.gateway.client.LedgerClient;
import io.eventbank.gateway.client.RiskEngineClient;
import io.eventbank.gateway.security.Ownership;
import io.quarkus.security.identity.SecurityIdentity;
import io.eventbank.infrastructure.json.Json;
import io.eventbank.infrastructure.rest.CorrelationFilter;
import io.eventbank.infrastructure.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Operators: overdraft limits, the read models and their replay, dead letters, settlement positions, the risk engine's
 * live analytics, and the invariants check.
 */
@Path("/api/v1/admin")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "admin", description = "Replay read models, watch their progress, check the invariants")
public class AdminApi {

    private static final String LEDGER = "ledger-projection";

    @Inject
    @RestClient
    LedgerClient ledger;
    @Inject
    @RestClient
    AccountServiceClient accounts;
    @Inject
    @RestClient
    RiskEngineClient risk;
    @Inject
    Idempotent idempotent;
    @Inject
    Ownership ownership;
    @Inject
    SecurityIdentity caller;

    @GET
    @RolesAllowed({Roles.OPERATOR, Roles.AUDITOR})
    @Path("/projections")
    @Operation(operationId = "listProjections",
            summary = "The read models that can be replayed, with their state")
    public Response projections() {
        return Downstream.call(LEDGER, ledger::projections, true).toResponse();
    }

    @GET
    @RolesAllowed({Roles.OPERATOR, Roles.AUDITOR})
    @Path("/projections/{name}")
    @Operation(operationId = "getProjection",
            summary = "A read model's state: live or replaying, progress (applied, remaining, rate), position")
    public Response projection(@PathParam("name") String name) {
        return Downstream.call(LEDGER, () -> ledger.projection(name), true).toResponse();
    }

    @POST
    @RolesAllowed(Roles.OPERATOR)
    @Path("/projections/{name}/replay")
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "replayProjection",
            summary = "Rebuild a read model (a name, or all) from the events while the current one keeps serving;"
            + " 202 with a replay id; 409 while a replay runs")
    public Response replay(@PathParam("name") String name, @HeaderParam("Idempotency-Key") String key) {
        String path = "/api/v1/admin/projections/" + name + "/replay";
        return idempotent.run("POST " + path, key, Bodies.hash(path, Json.mapper().createObjectNode()), () -> {
            Downstream.Answer answer = Downstream.call(LEDGER, () -> ledger.replay(name));
            return new Downstream.Answer(answer.status(), answer.body(), answer.contentType(),
                    answer.ok() ? "/api/v1/admin/projections/" + name : null);
        });
    }

    @PUT
    @RolesAllowed(Roles.OPERATOR)
    @Path("/accounts/{iban}/overdraft-limit")
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "the account with its new limit",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Answers.Account.class)))
    @Operation(operationId = "setOverdraftLimit",
            summary = "Set an account's overdraft limit: {\"limit\"}; an operator's command, up to the platform's"
            + " cap; a customer never chooses its own")
    public Response setOverdraftLimit(@PathParam("iban") String iban, @NotNull @Valid Requests.OverdraftLimit body,
            @HeaderParam(CorrelationFilter.HEADER) String correlation) {
        String account = ownership.requireNotOwnAccount(caller, iban, "iban");
        AccountBodies.OverdraftLimit request = Bodies.limit(body);
        return Downstream.call("account-service", () -> accounts.setOverdraftLimit(account, request,
                correlation), true).toResponse();
    }

    @GET
    @RolesAllowed({Roles.OPERATOR, Roles.AUDITOR})
    @Path("/dead-letters")
    @Operation(operationId = "listDeadLetters",
            summary = "The dead letters: records no consumer could read (dead-letter topics) and records a read"
            + " model could not apply (parked)")
    public Response deadLetters() {
        return Downstream.call(LEDGER, ledger::deadLetters, true).toResponse();
    }

    @POST
    @RolesAllowed(Roles.OPERATOR)
    @Path("/dead-letters/{id}/redrive")
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "redriveDeadLetter",
            summary = "Re-drive one dead letter: back to its topic, or applied to its read model again")
    public Response redriveDeadLetter(@PathParam("id") String id) {
        return Downstream.call(LEDGER, () -> ledger.redriveDeadLetter(id)).toResponse();
    }

    @POST
    @RolesAllowed(Roles.OPERATOR)
    @Path("/dead-letters/redrive")
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "redriveAllDeadLetters",
            summary = "Re-drive every dead letter not re-driven yet")
    public Response redriveAllDeadLetters() {
        return Downstream.call(LEDGER, ledger::redriveAllDeadLetters).toResponse();
    }

    @GET
    @RolesAllowed({Roles.OPERATOR, Roles.AUDITOR})
    @Path("/settlements")
    @APIResponse(responseCode = "200", description = "each bank's position per currency",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Answers.Settlements.class)))
    @Operation(operationId = "getSettlements",
            summary = "Settlement positions between the hosted banks")
    public Response settlements() {
        return Downstream.call(LEDGER, ledger::settlements, true).toResponse();
    }

    @GET
    @RolesAllowed({Roles.OPERATOR, Roles.AUDITOR})
    @Path("/settlements/history")
    @Operation(operationId = "getSettlementHistory",
            summary = "Each bank's settlement position over the last minutes (?minutes=, 60 by default, at most"
            + " 1440): its position before, and after each movement since")
    public Response settlementHistory(@QueryParam("minutes") String minutes) {
        return Downstream.call(LEDGER, () -> ledger.settlementHistory(minutes), true).toResponse();
    }

    @GET
    @RolesAllowed({Roles.OPERATOR, Roles.AUDITOR})
    @Path("/transfers/unfinished")
    @Operation(operationId = "listUnfinishedTransfers",
            summary = "The transfers that are not final yet, oldest first (?limit=, 100 by default, at most 500),"
            + " with what each waits for")
    public Response unfinishedTransfers(@QueryParam("limit") String limit) {
        return Downstream.call(LEDGER, () -> ledger.unfinishedTransfers(limit), true).toResponse();
    }

    @GET
    @RolesAllowed({Roles.OPERATOR, Roles.AUDITOR})
    @Path("/activity")
    @Operation(operationId = "getActivity",
            summary = "Transfers that became final in each 10 s of the last minutes (?minutes=, 10 by default, at"
            + " most 60), completed and failed, with the completed ones' p50 and p99 latency from request to final")
    public Response activity(@QueryParam("minutes") String minutes) {
        return Downstream.call(LEDGER, () -> ledger.activity(minutes), true).toResponse();
    }

    @GET
    @RolesAllowed({Roles.OPERATOR, Roles.AUDITOR})
    @Path("/risk/analytics")
    @APIResponse(responseCode = "200", description = "the minutes, oldest first, and the accounts held most often",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Answers.RiskAnalytics.class)))
    @Operation(operationId = "getRiskAnalytics",
            summary = "Live analytics of the event stream, from the risk engine: each minute's transfers, volume,"
            + " failures, screenings and holds per bank and currency (?minutes=, 60 by default, at most 1440), and"
            + " the ten accounts held most often")
    public Response riskAnalytics(@QueryParam("minutes") String minutes) {
        return Downstream.call("risk-engine", () -> risk.analytics(minutes), true).toResponse();
    }

    @GET
    @RolesAllowed({Roles.OPERATOR, Roles.AUDITOR})
    @Path("/verification")
    @Operation(operationId = "verify",
            summary = "Checks the invariants on the read models")
    public Response verification() {
        return Downstream.call(LEDGER, ledger::verification, true).toResponse();
    }
}
