package io.eventbank.gateway.rest;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
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

import io.eventbank.contracts.Clearing;
import io.eventbank.gateway.client.AccountServiceClient;
import io.eventbank.gateway.client.LedgerClient;
import io.eventbank.gateway.client.TransferSagaClient;
import io.eventbank.gateway.security.Ownership;
import io.eventbank.gateway.security.CallerLimits;
import io.eventbank.contracts.MoneyRange;
import io.eventbank.infrastructure.money.MoneyRanges;
import io.eventbank.infrastructure.rest.CorrelationFilter;
import io.eventbank.infrastructure.rest.IdempotencyKeys;
import io.eventbank.infrastructure.rest.ProblemType;
import io.eventbank.infrastructure.transfers.TransferBodies;
import io.eventbank.infrastructure.rest.Wait;
import io.eventbank.infrastructure.security.Roles;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.quarkus.security.identity.SecurityIdentity;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Transfers: one within a bank is booked by account-service (final in its answer), one to the other bank is requested
 * from transfer-saga; each makes one transfer per Idempotency-Key. Read from ledger-projection. A transfer whose
 * currency is not the accounts' is refused up front.
 */
@Path("/api/v1/transfers")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "transfers", description = "Send money within a bank and to the other hosted bank")
public class TransfersApi {

    private static final String TRANSFER_SAGA = "transfer-saga";
    private static final String ACCOUNT_SERVICE = "account-service";

    @Inject
    @RestClient
    TransferSagaClient transfers;
    @Inject
    @RestClient
    AccountServiceClient accounts;
    @Inject
    @RestClient
    LedgerClient ledger;
    @Inject
    CallerLimits limits;
    @Inject
    Ownership ownership;
    @Inject
    SecurityIdentity caller;
    @Inject
    MoneyRange moneyRange;

    @POST
    @RolesAllowed(Roles.CUSTOMER)
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "202", description = "the transfer as it is (with wait: once final, or when the "
            + "wait ends); Location names it",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Answers.Transfer.class)))
    @Operation(operationId = "requestTransfer",
            summary = "Send a transfer from one of the caller's own accounts to any IBAN: {\"debtorIban\",\"creditorIban\",\"amount\",\"currency\",\"reference\"?};"
            + " 202 with transferId, status and a Location; wait (such as 5s) answers once the transfer is final in"
            + " the read models (what GET /transfers/{id} shows) or the time is up")
    @Blocking
    public Uni<Response> request(@NotNull @Valid Requests.Transfer body, @HeaderParam("Idempotency-Key") String key,
            @HeaderParam(CorrelationFilter.HEADER) String correlation, @QueryParam("wait") String wait) {
        boolean waits = !Wait.of(wait).isZero();
        // within the caller's write limit before anything is looked up: what the checks below tell of other accounts
        // (whether one exists, its currency) is told at the write rate at most
        String subject = Ownership.subject(caller);
        limits.admit(subject);
        TransferBodies.Request request = Bodies.canonical(body);
        MoneyRanges.requireWithin(moneyRange, body.amount(), body.currency(), "amount");
        TransferBodies.refuseClearingAccount(request.debtorIban(), "debtorIban");
        TransferBodies.refuseClearingAccount(request.creditorIban(), "creditorIban");
        ownership.requireOwnAccountToMove(caller, request.debtorIban(), "debtorIban");
        refuseForeignCurrency(request.debtorIban(), request.currency(), "debtorIban");
        refuseForeignCurrency(request.creditorIban(), request.currency(), "creditorIban");
        if (key != null) {
            IdempotencyKeys.check(key);
        }
        // the service that makes the transfer (account-service within one bank, transfer-saga between banks) makes one
        // per key, in the transaction of the transfer itself: the caller's key, told apart from every other caller's;
        // a retry finds the transfer, another body with the key is refused (422)
        String callerKey = key == null ? null : Bodies.callerKey(subject, key);
        Downstream.Answer requested;
        String version = null;
        if (Clearing.isBetweenCustomersOfOneBank(request.debtorIban(), request.creditorIban())) {
            requested = bookWithinOneBank(request, callerKey, correlation);
            // final already: a wait is for the read models to show it, both its events (read-your-writes)
            version = requested.ok() ? Long.toString(requested.as(Made.class).version()) : null;
        } else {
            requested = Downstream.call(TRANSFER_SAGA, () -> transfers.request(request, callerKey, correlation),
                    key != null);
        }
        if (!requested.ok()) {
            return Uni.createFrom().item(requested.toResponse());
        }
        String id = requested.as(Made.class).transferId();
        if (!waits) {
            return Uni.createFrom().item(accepted(id, requested, requested));
        }
        // the transfer is the caller's (its payer is): it may wait for it to be final, within its limit of waits
        CallerLimits.Wait place = limits.startWait(subject);
        String applied = version;
        return Downstream.callAsync("ledger-projection", () -> ledger.transferWhenReady(id, wait, applied))
                .map(read -> accepted(id, requested, read.ok() ? read : requested))
                .onTermination().invoke(place::close);
    }

    /**
     * A transfer within one bank, booked by account-service in one transaction. A key that transfer-saga still knows
     * (a transfer within one bank requested before account-service booked them by itself) finds that transfer, and
     * moves nothing again: the saga is asked while it holds any such transfer.
     */
    private Downstream.Answer bookWithinOneBank(TransferBodies.Request request, String key, String correlation) {
        if (key != null && sagaHoldsTransfersWithinOneBank()) {
            Downstream.Answer earlier = Downstream.call(TRANSFER_SAGA, () -> transfers.requested(request, key), true);
            if (earlier.ok()) {
                return new Downstream.Answer(202, earlier.body(), earlier.contentType(), earlier.location(), true);
            }
            if (earlier.status() != 404) {
                return earlier;
            }
        }
        return Downstream.call(ACCOUNT_SERVICE, () -> accounts.book(request, key, correlation), key != null);
    }

    /** Asked of transfer-saga until it answers; once it holds none, it never will again (none is sent to it). */
    private volatile boolean sagaHoldsNone;

    private boolean sagaHoldsTransfersWithinOneBank() {
        if (sagaHoldsNone) {
            return false;
        }
        Downstream.Answer held = Downstream.call(TRANSFER_SAGA, () -> transfers.withinOneBank(), true);
        if (!held.ok()) {
            // not known: a retried key might have made a transfer there, so nothing is booked until it is
            throw ProblemType.SERVICE_UNAVAILABLE.exception(
                    "transfer-saga does not answer whether it holds this key; nothing was changed");
        }
        sagaHoldsNone = !held.as(Held.class).held();
        return !sagaHoldsNone;
    }

    /** 202 with the transfer as {@code current} has it, and whether the request was a repeat of an earlier one. */
    private static Response accepted(String id, Downstream.Answer requested, Downstream.Answer current) {
        Response.ResponseBuilder answer = Response.status(202).type(MediaType.APPLICATION_JSON)
                .entity(current.body()).header("Location", "/api/v1/transfers/" + id);
        if (requested.replayed()) {
            answer.header(IdempotencyKeys.REPLAYED, "true");
        }
        return answer.build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.CUSTOMER, Roles.OPERATOR, Roles.AUDITOR})
    @APIResponse(responseCode = "200", description = "the transfer",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Answers.Transfer.class)))
    @Operation(operationId = "getTransfer",
            summary = "A transfer (for a customer, one from or to its own accounts): status, failure reason and the"
            + " timeline of its events; wait (such as 5s) answers once it is final or the time is up")
    @Blocking
    public Uni<Response> get(@PathParam("id") String id, @QueryParam("wait") String wait,
            @Parameter(description = "read-your-writes: wait (5s, or wait= when it is longer) until the read model has"
                    + " this version of the transfer, the version its request answered with")
            @QueryParam("version") String version) {
        boolean waits = !Wait.of(wait).isZero() || version != null;
        Response now = readNow(id);
        if (!waits || now.getStatus() != 200 || version == null && isFinal(now)) {
            // nothing to wait for, or nothing the caller may wait for: answered before any waiting
            return Uni.createFrom().item(now);
        }
        return whenReady(id, wait, version, now);
    }

    /**
     * The transfer as it is now, for a caller it belongs to: from the read model, or from transfer-saga while the
     * read model does not have it yet ({@code X-Read-Source}); 404 for anyone else, as if it did not exist.
     */
    private Response readNow(String id) {
        Downstream.Answer read = Downstream.call("ledger-projection", () -> ledger.transfer(id, null, null), true);
        if (read.status() == 404) {
            // not projected yet: the service that made it knows it already
            for (String service : new String[] {TRANSFER_SAGA, ACCOUNT_SERVICE}) {
                Downstream.Answer fresh = Downstream.call(service, () -> service.equals(TRANSFER_SAGA)
                        ? transfers.get(id, null) : accounts.transfer(id), true);
                if (fresh.ok()) {
                    ownership.requireOwnTransfer(caller, fresh.body(), id);
                    return Response.fromResponse(fresh.toResponse()).status(200).header("X-Read-Source", service)
                            .build();
                }
            }
        }
        if (read.ok()) {
            ownership.requireOwnTransfer(caller, read.body(), id);
        }
        return read.toResponse();
    }

    /**
     * Waits, once the caller is known to own the transfer, for it to be final or for the read model to have its
     * version: within the caller's and everyone's limit of reads that wait (429 beyond), holding no thread and no
     * connection meanwhile, and stopping when the client goes away. A transfer the read model still does not have
     * by then is answered as {@code sofar} had it.
     */
    private Uni<Response> whenReady(String id, String wait, String version, Response sofar) {
        CallerLimits.Wait place = limits.startWait(Ownership.subject(caller));
        return Downstream.callAsync("ledger-projection", () -> ledger.transferWhenReady(id, wait, version))
                .map(read -> read.status() == 404 && version == null ? sofar : read.toResponse())
                .onTermination().invoke(place::close);
    }

    private static boolean isFinal(Response transfer) {
        if (!(transfer.getEntity() instanceof String body)) {
            return false;
        }
        String status = Downstream.read(body, Made.class).status();
        return "COMPLETED".equals(status) || "FAILED".equals(status);
    }

    /**
     * An account that exists in another currency can never take part: refused before anything happens. An unknown
     * account fails the transfer with UNKNOWN_ACCOUNT, as the design has it.
     */
    private void refuseForeignCurrency(String iban, String requested, String field) {
        ownership.facts(iban).map(Ownership.Facts::currency)
                .filter(currency -> !currency.equals(requested))
                .ifPresent(currency -> {
                    throw ProblemType.CURRENCY_MISMATCH.exception("the account " + iban + " is in " + currency, field);
                });
    }

    /** What the gateway reads of a transfer a service or the read model answered; the rest passes through as it is. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Made(String transferId, long version, String status) {
    }

    /** transfer-saga's answer: whether it still holds transfers within one bank. */
    record Held(boolean held) {
    }
}
