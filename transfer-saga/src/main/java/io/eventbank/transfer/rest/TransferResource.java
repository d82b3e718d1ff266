package io.eventbank.transfer.rest;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
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
import io.eventbank.contracts.Money;
import io.eventbank.contracts.MoneyRange;
import io.eventbank.infrastructure.money.MoneyRanges;
import io.eventbank.contracts.Texts;
import io.eventbank.infrastructure.validation.CurrencyCode;
import io.eventbank.infrastructure.validation.Decimal;
import io.eventbank.infrastructure.validation.Iban;
import io.eventbank.infrastructure.validation.Text;
import io.eventbank.infrastructure.rest.CorrelationFilter;
import io.eventbank.infrastructure.rest.IdempotencyKeys;
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

    /** A transfer request: amounts are decimal strings with the currency's decimals. */
    public record TransferRequest(@NotNull @Iban String debtorIban, @NotNull @Iban String creditorIban,
            @NotNull @Decimal String amount, @NotNull @CurrencyCode String currency, @Text String reference) {
    }

    /** A transfer: its status, failure reason and the timeline of its events. */
    public record TransferResponse(String transferId, String direction, String debtorIban, String creditorIban,
            String amount, String currency, String reference, boolean interbank, String status, String failureReason,
            long version, Instant createdAt, Instant updatedAt, List<TransferView.TimelineEntry> timeline,
            Object asOf) {

        static TransferResponse of(TransferView view) {
            return new TransferResponse(view.transferId(), view.direction().name(), view.debtorIban(),
                    view.creditorIban(), Money.format(view.amount(), view.currency()), view.currency(),
                    view.reference(), view.interbank(), view.status().name(), view.failureReason(), view.version(),
                    view.createdAt(), view.updatedAt(), view.timeline(), null);
        }
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Request a transfer; answers 202 with its id and status")
    public Response request(@NotNull @Valid TransferRequest request,
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
        Response.ResponseBuilder answer = Response.accepted(TransferResponse.of(requested.transfer()))
                .location(URI.create("/v1/transfers/" + requested.transfer().transferId()));
        if (!requested.created()) {
            answer.header(IdempotencyKeys.SERVICE_REPLAYED, "true");
        }
        return answer.build();
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
    public TransferResponse get(@PathParam("id") String id, @QueryParam("wait") String wait) {
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
        return TransferResponse.of(view);
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
