package io.eventbank.account.rest;

import java.net.URI;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.eventbank.account.application.TransfersWithinBank;
import io.eventbank.contracts.Money;
import io.eventbank.contracts.MoneyRange;
import io.eventbank.infrastructure.money.MoneyRanges;
import io.eventbank.infrastructure.rest.CorrelationFilter;
import io.eventbank.infrastructure.rest.FreeText;
import io.eventbank.infrastructure.rest.IdempotencyKeys;
import io.eventbank.infrastructure.rest.ProblemType;
import io.eventbank.infrastructure.rest.ProblemException;
import io.eventbank.infrastructure.security.Roles;
import io.eventbank.infrastructure.transfers.TransferBodies.Answer;
import io.eventbank.infrastructure.transfers.TransferBodies.Request;
import io.eventbank.infrastructure.transfers.TransferBodies.Step;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Transfers within one bank, for the gateway: booked here in one transaction, final in the answer (COMPLETED, or
 * FAILED having moved nothing), once per {@code Idempotency-Key} (the caller's, scoped by the gateway). The answer has
 * the shape of a transfer everywhere else (transfer-saga's, the ledger's).
 */
@RolesAllowed(Roles.SERVICE)
@Path("/v1/transfers")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "transfers")
public class TransferResource {

    @Inject
    TransfersWithinBank transfers;
    @Inject
    MoneyRange moneyRange;

    /** The transfer as booked, in the shape of a transfer everywhere else. */
    static Answer answer(TransfersWithinBank.Booking booking) {
        List<Step> timeline = booking.timeline().stream().map(e -> new Step(e.type(), e.at(), e.id())).toList();
        return new Answer(booking.transferId(), "OUTGOING", booking.debtorIban(), booking.creditorIban(),
                booking.amount().toDecimalString(), booking.amount().currency(), booking.reference(), false,
                booking.status(), booking.failureReason(), booking.version(), booking.bookedAt(), booking.bookedAt(),
                timeline, null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Book a transfer between two customer accounts of one bank; answers 201 with the transfer,"
            + " final (200 with Idempotency-Replayed when the key made it before)")
    public Response book(@NotNull @Valid Request request,
            @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey,
            @HeaderParam(CorrelationFilter.HEADER) String correlation) {
        String debtor = io.eventbank.contracts.Iban.normalize(request.debtorIban());
        String creditor = io.eventbank.contracts.Iban.normalize(request.creditorIban());
        MoneyRanges.requireWithin(moneyRange, request.amount(), request.currency(), "amount");
        Money amount = Money.of(AccountResource.amount(request.amount(), request.currency(), "amount", false),
                request.currency());
        String reference = FreeText.optional(request.reference(), "reference");
        if (idempotencyKey != null) {
            IdempotencyKeys.check(idempotencyKey);
        }
        TransfersWithinBank.Booking booking = transfers.book(debtor, creditor, amount, reference, idempotencyKey,
                correlation);
        Response.ResponseBuilder answer = Response.status(booking.replayed() ? 200 : 201)
                .entity(answer(booking)).location(URI.create("/v1/transfers/" + booking.transferId()));
        if (booking.replayed()) {
            answer.header(IdempotencyKeys.SERVICE_REPLAYED, "true");
        }
        return answer.build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A transfer within one bank this service booked")
    public Answer get(@PathParam("id") String id) {
        if (id == null || id.length() > 100) {
            throw ProblemException.invalid("id", "not a transfer id");
        }
        return transfers.find(id).map(TransferResource::answer)
                .orElseThrow(() -> ProblemType.UNKNOWN_TRANSFER.exception("no transfer " + id));
    }
}
