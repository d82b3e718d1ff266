package io.eventbank.transfer.rest;

import java.net.URI;
import java.time.Duration;
import java.util.List;

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

import io.eventbank.infrastructure.security.Roles;
import io.eventbank.infrastructure.transfers.TransferBodies.Answer;
import io.eventbank.infrastructure.transfers.TransferBodies.Request;
import io.eventbank.infrastructure.transfers.TransferBodies.Step;
import io.eventbank.contracts.Money;
import io.eventbank.contracts.MoneyRange;
import io.eventbank.infrastructure.money.MoneyRanges;
import io.eventbank.contracts.Texts;
import io.eventbank.infrastructure.rest.CorrelationFilter;
import io.eventbank.infrastructure.rest.IdempotencyKeys;
import io.eventbank.infrastructure.rest.ProblemType;
import io.eventbank.infrastructure.rest.ProblemException;
import io.eventbank.infrastructure.rest.Wait;
import io.eventbank.transfer.application.Transfers;
import io.eventbank.transfer.view.TransferView;
import io.eventbank.transfer.view.TransferViews;
import io.eventbank.infrastructure.rest.IbanParameter;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * transfer-saga's internal API, for the gateway: request a transfer (once per {@code Idempotency-Key}) and read one,
 * optionally waiting until it is final. {@code X-Correlation-Id} travels into every command and event of the transfer.
 */
@RolesAllowed(Roles.SERVICE)
@Path("/v1/transfers")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "transfers")
public class TransferResource {


    @Inject
    Transfers transfers;
    @Inject
    MoneyRange moneyRange;
    @Inject
    TransferViews views;

    /** The transfer as this service sees it. */
    static Answer answer(TransferView view) {
        return new Answer(view.transferId(), view.direction().name(), view.debtorIban(), view.creditorIban(),
                Money.format(view.amount(), view.currency()), view.currency(), view.reference(), view.interbank(),
                view.status().name(), view.failureReason(), view.version(), view.createdAt(), view.updatedAt(),
                view.timeline().stream().map(e -> new Step(e.type(), e.at(), e.eventId())).toList(), null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Request a transfer; answers 202 with its id and status")
    public Response request(@NotNull @Valid Request request,
            @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey,
            @HeaderParam(CorrelationFilter.HEADER) String correlation) {
        String debtor = io.eventbank.contracts.Iban.normalize(request.debtorIban());
        String creditor = io.eventbank.contracts.Iban.normalize(request.creditorIban());
        Money amount = amount(request.amount(), request.currency());
        MoneyRanges.requireWithin(moneyRange, request.amount(), request.currency(), "amount");
        String reference = Texts.canonical(request.reference());
        IdempotencyKeys.check(idempotencyKey);
        Transfers.Requested requested = transfers.request(debtor, creditor, amount, reference, idempotencyKey,
                correlation);
        Response.ResponseBuilder answer = Response.accepted(answer(requested.transfer()))
                .location(URI.create("/v1/transfers/" + requested.transfer().transferId()));
        if (!requested.created()) {
            answer.header(IdempotencyKeys.SERVICE_REPLAYED, "true");
        }
        return answer.build();
    }

    /** Whether this service holds transfers within one bank, made before account-service booked them by itself. */
    public record WithinOneBank(boolean held) {
    }

    @GET
    @Path("/within-one-bank")
    @Operation(summary = "Whether this service holds transfers within one bank (requested before account-service"
            + " booked them by itself): while it does, a same-bank request's key is looked up here first")
    public WithinOneBank withinOneBank() {
        return new WithinOneBank(transfers.holdsTransfersWithinOneBank());
    }

    @POST
    @Path("/requested")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "The transfer an earlier request with this Idempotency-Key made here (200), none (404), or"
            + " 422 when the key was used for another request: a transfer within one bank asked again after"
            + " account-service took them over")
    public Answer requested(@NotNull @Valid Request request,
            @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey) {
        IdempotencyKeys.check(idempotencyKey);
        Money amount = amount(request.amount(), request.currency());
        return transfers.requestedWith(idempotencyKey, io.eventbank.contracts.Iban.normalize(request.debtorIban()),
                        io.eventbank.contracts.Iban.normalize(request.creditorIban()), amount,
                        Texts.canonical(request.reference()))
                .map(TransferResource::answer)
                .orElseThrow(() -> ProblemType.UNKNOWN_TRANSFER.exception(
                        "no transfer was requested here with this key"));
    }

    /** The transfers from an account that are not final (at most 100, oldest first). */
    public record InFlight(List<TransferViews.InFlight> items) {
    }

    @GET
    @Path("/in-flight")
    @Operation(summary = "The transfers from an account that are not final: while there is one, money may still come"
            + " back to the account, and it may not be closed")
    public InFlight inFlight(@QueryParam("debtorIban") String debtorIban) {
        return new InFlight(views.inFlightFrom(IbanParameter.required(debtorIban, "debtorIban"), 100));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A transfer; with wait (such as 5s) the answer waits until it is final or the time is up")
    public Answer get(@PathParam("id") String id, @QueryParam("wait") String wait) {
        if (id == null || id.length() > 100) {
            throw ProblemException.invalid("id", "not a transfer id");
        }
        Duration patience = Wait.of(wait);
        long deadline = System.nanoTime() + patience.toNanos();
        TransferView view = transfers.view(id);
        while (!view.status().isFinal() && System.nanoTime() < deadline) {
            sleep();
            view = transfers.view(id);
        }
        return answer(view);
    }

    private static Money amount(String decimal, String currency) {
        if (decimal == null) {
            throw ProblemException.invalid("amount", "amount is required, as a decimal string such as \"12.50\"");
        }
        try {
            Money money = Money.parse(decimal, currency);
            if (!money.isPositive()) {
                throw ProblemException.invalid("amount", "amount must be positive");
            }
            return money;
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("amount", e.getMessage());
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
