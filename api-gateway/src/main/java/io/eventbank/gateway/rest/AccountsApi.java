package io.eventbank.gateway.rest;

import java.util.List;


import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.eventbank.gateway.client.AccountServiceClient;
import io.eventbank.gateway.security.CallerLimits;
import io.eventbank.gateway.security.Ownership;
import io.eventbank.infrastructure.rest.Wait;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.eventbank.gateway.client.LedgerClient;
import io.eventbank.gateway.client.TransferSagaClient;
import io.eventbank.infrastructure.rest.ProblemType;
import io.eventbank.contracts.MoneyRange;
import io.eventbank.infrastructure.accounts.AccountBodies;
import io.eventbank.infrastructure.json.Json;
import io.eventbank.infrastructure.money.MoneyRanges;
import io.eventbank.infrastructure.rest.CorrelationFilter;
import io.eventbank.infrastructure.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Accounts: opened and moved by account-service, read from ledger-projection's read models (which say how current
 * they are). Creating POSTs take an {@code Idempotency-Key}.
 */
@Path("/api/v1/accounts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "accounts", description = "Open accounts, move money in and out, freeze, close, read statements")
public class AccountsApi {

    private static final String ACCOUNT_SERVICE = "account-service";
    private static final String LEDGER = "ledger-projection";
    private static final String TRANSFER_SAGA = "transfer-saga";

    @Inject
    @RestClient
    AccountServiceClient accounts;
    @Inject
    @RestClient
    LedgerClient ledger;
    @Inject
    Idempotent idempotent;
    @Inject
    Ownership ownership;
    @Inject
    SecurityIdentity caller;
    @Inject
    Validator validator;
    @Inject
    MoneyRange moneyRange;
    @Inject
    CallerLimits limits;
    @Inject
    @RestClient
    TransferSagaClient transfers;

    @POST
    @RolesAllowed(Roles.CUSTOMER)
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "201", description = "the account, opened; Location names it",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Answers.Account.class)))
    @Operation(operationId = "openAccount",
            summary = "Open an account for the caller (a customer): {\"owner\",\"currency\",\"bankCode\"?}; 201"
            + " with the account, whose iban is its id")
    public Response open(@NotNull @Valid Requests.OpenAccount body, @HeaderParam("Idempotency-Key") String key,
            @HeaderParam(CorrelationFilter.HEADER) String correlation) {
        AccountBodies.OpenAccount forwarded = Bodies.opening(body, Ownership.subject(caller));
        return idempotent.run("POST /api/v1/accounts", key, Bodies.hash("/api/v1/accounts", Bodies.canonical(body)),
                () -> publicLocation(Downstream.call(ACCOUNT_SERVICE, () -> accounts.open(forwarded, correlation))));
    }

    @GET
    @RolesAllowed(Roles.CUSTOMER)
    @APIResponse(responseCode = "200", description = "a page of the caller's accounts",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Answers.Accounts.class)))
    @Operation(operationId = "listMyAccounts",
            summary = "The caller's own accounts (a customer's), a page at a time: pass next as after")
    public Response mine(@QueryParam("after") String after, @QueryParam("limit") String limit) {
        return Downstream.call(ACCOUNT_SERVICE, () -> accounts.ofCustomer(Ownership.subject(caller), after, limit),
                true).toResponse();
    }

    @GET
    @Path("/{iban}")
    @RolesAllowed({Roles.CUSTOMER, Roles.OPERATOR, Roles.AUDITOR})
    @APIResponse(responseCode = "200", description = "the account",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Answers.Account.class)))
    @Operation(operationId = "getAccount",
            summary = "The account (a customer's own): owner, bank, currency, balance, status, last event sequence,"
            + " and how current the read model is")
    @Blocking
    public Uni<Response> get(@PathParam("iban") String pathIban,
            @Parameter(description = "wait (such as 5s) until the read model has applied this event")
            @QueryParam("waitForEvent") String eventId, @QueryParam("wait") String wait,
            @Parameter(description = "read-your-writes: wait (5s, or wait=) until the read model has this version of"
                    + " the account, the version a write answered with")
            @QueryParam("version") String version) {
        String iban = ownership.requireOwnAccount(caller, pathIban, "iban"); // whose it is, before any waiting
        Wait.of(wait);
        if (eventId != null || version != null) {
            // within the caller's and everyone's limit of reads that wait; no thread is held while it waits
            CallerLimits.Wait place = limits.startWait(Ownership.subject(caller));
            return Downstream.callAsync(LEDGER, () -> ledger.accountWhenApplied(iban, eventId, wait, version))
                    .map(Downstream.Answer::toResponse)
                    .onTermination().invoke(place::close);
        }
        Downstream.Answer read = Downstream.call(LEDGER, () -> ledger.account(iban, null, null, null), true);
        if (read.status() == 404) {
            // not projected yet (just opened): the command side knows it already
            Downstream.Answer fresh = Downstream.call(ACCOUNT_SERVICE, () -> accounts.get(iban), true);
            if (fresh.ok()) {
                return Uni.createFrom().item(Response.fromResponse(fresh.toResponse())
                        .header("X-Read-Source", ACCOUNT_SERVICE).build());
            }
        }
        return Uni.createFrom().item(read.toResponse());
    }

    @GET
    @Path("/{iban}/transactions")
    @RolesAllowed({Roles.CUSTOMER, Roles.AUDITOR})
    @APIResponse(responseCode = "200", description = "a page of the statement",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Answers.Statement.class)))
    @Operation(operationId = "getStatement",
            summary = "The statement (of a customer's own account), newest first, a page at a time: pass next as"
            + " cursor")
    public Response transactions(@PathParam("iban") String pathIban, @QueryParam("cursor") String cursor,
            @QueryParam("limit") String limit) {
        String iban = ownership.requireOwnAccount(caller, pathIban, "iban");
        return Downstream.call(LEDGER, () -> ledger.transactions(iban, cursor, limit), true).toResponse();
    }

    @POST
    @Path("/{iban}/deposits")
    @RolesAllowed(Roles.CUSTOMER)
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "the account after the deposit",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Answers.Account.class)))
    @Operation(operationId = "deposit",
            summary = "Deposit: {\"amount\",\"reference\"?}")
    public Response deposit(@PathParam("iban") String iban, @NotNull @Valid Requests.MoneyMovement body,
            @HeaderParam("Idempotency-Key") String key,
            @HeaderParam(CorrelationFilter.HEADER) String correlation) {
        return movement(iban, "deposits", body, key, correlation);
    }

    @POST
    @Path("/{iban}/withdrawals")
    @RolesAllowed(Roles.CUSTOMER)
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "the account after the withdrawal",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Answers.Account.class)))
    @Operation(operationId = "withdraw",
            summary = "Withdraw: {\"amount\",\"reference\"?}; refused with a problem when funds are short")
    public Response withdraw(@PathParam("iban") String iban, @NotNull @Valid Requests.MoneyMovement body,
            @HeaderParam("Idempotency-Key") String key, @HeaderParam(CorrelationFilter.HEADER) String correlation) {
        return movement(iban, "withdrawals", body, key, correlation);
    }

    @POST
    @Path("/{iban}/freeze")
    @RolesAllowed(Roles.OPERATOR)
    @Consumes(MediaType.WILDCARD)
    @APIResponse(responseCode = "200", description = "the account, frozen",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Answers.Account.class)))
    @Operation(operationId = "freezeAccount",
            summary = "Freeze: no more debits; optional body {\"reason\"}")
    public Response freeze(@PathParam("iban") String iban,
            @org.eclipse.microprofile.openapi.annotations.parameters.RequestBody(required = false,
                    content = @Content(mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = Requests.Freeze.class))) String body,
            @HeaderParam("Idempotency-Key") String key,
            @HeaderParam(CorrelationFilter.HEADER) String correlation) {
        Requests.Freeze request = body == null || body.isBlank() ? null
                : Bodies.read(body, Requests.Freeze.class, validator);
        return lifecycle(iban, "freeze", request, key, correlation);
    }

    @POST
    @Path("/{iban}/unfreeze")
    @RolesAllowed(Roles.OPERATOR)
    @Consumes(MediaType.WILDCARD)
    @APIResponse(responseCode = "200", description = "the account, open again",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Answers.Account.class)))
    @Operation(operationId = "unfreezeAccount",
            summary = "Unfreeze: debits again")
    public Response unfreeze(@PathParam("iban") String iban, @HeaderParam("Idempotency-Key") String key,
            @HeaderParam(CorrelationFilter.HEADER) String correlation) {
        return lifecycle(iban, "unfreeze", null, key, correlation);
    }

    @POST
    @Path("/{iban}/close")
    @RolesAllowed(Roles.OPERATOR)
    @Consumes(MediaType.WILDCARD)
    @APIResponse(responseCode = "200", description = "the account, closed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Answers.Account.class)))
    @Operation(operationId = "closeAccount",
            summary = "Close an account whose balance is zero")
    public Response close(@PathParam("iban") String iban, @HeaderParam("Idempotency-Key") String key,
            @HeaderParam(CorrelationFilter.HEADER) String correlation) {
        refuseWhileTransfersAreInFlight(ownership.requireNotOwnAccount(caller, iban, "iban"));
        return lifecycle(iban, "close", null, key, correlation);
    }

    /**
     * A closed account holds no money, so it is not closed while a transfer from it is not final: the transfer may
     * still be refunded (409 {@code transfers-in-flight}, naming them). Should a transfer still slip in between this
     * look and the close, its refund reopens the account, frozen (account-service), and nothing is lost.
     */
    private void refuseWhileTransfersAreInFlight(String iban) {
        Downstream.Answer inFlight = Downstream.call(TRANSFER_SAGA, () -> transfers.inFlight(iban), true);
        if (!inFlight.ok()) {
            throw ProblemType.SERVICE_UNAVAILABLE.exception(
                    "transfer-saga cannot say whether a transfer from the account is in flight; nothing was changed");
        }
        List<TransfersApi.Made> items = inFlight.as(InFlight.class).items();
        if (!items.isEmpty()) {
            throw ProblemType.TRANSFERS_IN_FLIGHT.exception("the account cannot be closed while a transfer from it is"
                    + " not final: " + items.stream().map(item -> item.transferId() + " (" + item.status() + ")")
                    .collect(java.util.stream.Collectors.joining(", ")), "iban");
        }
    }

    /** transfer-saga's answer: the transfers from an account that are not final. */
    record InFlight(List<TransfersApi.Made> items) {
    }

    private Response movement(String pathIban, String operation, Requests.MoneyMovement body, String key,
            String correlation) {
        String iban = ownership.requireOwnAccountToMove(caller, pathIban, "iban");
        ownership.facts(iban).ifPresent(account -> MoneyRanges.requireWithin(moneyRange, body.amount(),
                account.currency(), "amount"));
        String path = "/api/v1/accounts/" + iban + "/" + operation;
        // the service counts a retried movement once by this id, also when the gateway's answer got lost
        AccountBodies.MoneyMovement forwarded = Bodies.movement(body,
                key == null ? null : Bodies.callerKey(Ownership.subject(caller), path, key));
        return idempotent.run("POST " + path, key, Bodies.hash(path, Bodies.canonical(body)),
                () -> Downstream.call(ACCOUNT_SERVICE, () -> accounts.move(iban, operation, forwarded, correlation),
                        key != null));
    }

    /** {@code freeze} (with {@code reason}, or null), {@code unfreeze} or {@code close}, by an operator. */
    private Response lifecycle(String pathIban, String operation, Requests.Freeze reason, String key,
            String correlation) {
        String iban = ownership.requireNotOwnAccount(caller, pathIban, "iban");
        String path = "/api/v1/accounts/" + iban + "/" + operation;
        AccountBodies.Freeze forwarded = Bodies.freeze(reason);
        return idempotent.run("POST " + path, key, Bodies.hash(path, reason == null
                        ? Json.mapper().createObjectNode() : Bodies.canonical(reason)),
                () -> Downstream.call(ACCOUNT_SERVICE, () -> accounts.lifecycle(iban, operation, forwarded,
                        correlation)));
    }

    private static Downstream.Answer publicLocation(Downstream.Answer answer) {
        String location = answer.location() == null ? null : "/api" + answer.location();
        return new Downstream.Answer(answer.status(), answer.body(), answer.contentType(), location);
    }
}
