package io.eventbank.gateway.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

import io.eventbank.gateway.audit.AuditStream;
import io.eventbank.gateway.client.LedgerClient;
import io.eventbank.gateway.security.Ownership;
import io.eventbank.infrastructure.rest.ProblemType;
import io.eventbank.infrastructure.rest.ProblemException;
import io.eventbank.infrastructure.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** The audit log: JSON pages, and the same as a live Server-Sent Events stream. */
@Path("/api/v1/events")
@Tag(name = "audit", description = "Every event with its correlation and causation ids")
public class EventsApi {

    @Inject
    @RestClient
    LedgerClient ledger;
    @Inject
    AuditStream stream;
    @Inject
    Ownership ownership;
    @Inject
    SecurityIdentity caller;

    @GET
    @RolesAllowed({Roles.AUDITOR, Roles.CUSTOMER})
    @Produces(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "a page of the audit log",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Answers.Events.class)))
    @Operation(operationId = "listEvents",
            summary = "The audit log, a page at a time (cursor: next); filters: account (IBAN), transfer, type,"
            + " correlationId, from and to (ISO-8601 instants). A customer reads the events of one of its own"
            + " accounts (account=)")
    public Response list(@QueryParam("account") String account, @QueryParam("transfer") String transfer,
            @QueryParam("type") String type, @QueryParam("correlationId") String correlationId,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("cursor") String cursor,
            @QueryParam("limit") String limit) {
        requireOwnScope(account);
        return Downstream.call("ledger-projection",
                () -> ledger.events(account, transfer, type, correlationId, from, to, cursor, null, limit,
                        sinceOpening()), true).toResponse();
    }

    @GET
    @Path("/stream")
    @RolesAllowed({Roles.AUDITOR, Roles.CUSTOMER})
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(operationId = "streamEvents",
            summary = "The audit log live, as Server-Sent Events (id: the event id, event: its type); resume with"
            + " Last-Event-ID (an unknown one is told by an event unknown-last-event-id first); the filters of the JSON"
            + " API, checked before the stream opens (400); from (an instant) starts a stream without Last-Event-ID")
    public void stream(@Context SseEventSink sink, @Context Sse sse, @HeaderParam("Last-Event-ID") String lastEventId,
            @QueryParam("account") String account, @QueryParam("transfer") String transfer,
            @QueryParam("type") String type, @QueryParam("correlationId") String correlationId,
            @QueryParam("from") String from) {
        for (String value : new String[] {lastEventId, account, transfer, type, correlationId, from}) {
            if (value != null && (value.isBlank() || value.length() > 200)) {
                throw ProblemException.invalid(null, "filters and Last-Event-ID have 1 to 200 characters");
            }
        }
        requireOwnScope(account);
        stream.open(sink, sse, lastEventId, new AuditStream.Filter(account, transfer, type, correlationId, from,
                        sinceOpening()),
                Ownership.subject(caller), !Ownership.isCustomer(caller), expiryOf(caller));
    }

    /**
     * A customer sees its account's events from its opening on: what was asked of the IBAN before (a transfer to it
     * before it existed, refused) belongs to whoever asked, not to whoever opened it later.
     */
    private String sinceOpening() {
        return Ownership.isCustomer(caller) ? "true" : null;
    }

    /** When the caller's token expires (null when its identity is no token). */
    private static java.time.Instant expiryOf(SecurityIdentity caller) {
        if (caller.getPrincipal() instanceof org.eclipse.microprofile.jwt.JsonWebToken token
                && token.getExpirationTime() > 0) {
            return java.time.Instant.ofEpochSecond(token.getExpirationTime());
        }
        return null;
    }

    /** A customer reads the events of one of its own accounts only: {@code account=} is required, and its own. */
    private void requireOwnScope(String account) {
        if (!Ownership.isCustomer(caller)) {
            return;
        }
        if (account == null) {
            throw ProblemType.FORBIDDEN.exception(
                    "a customer reads the events of its own accounts: give account=<IBAN>", "account");
        }
        ownership.requireOwnAccount(caller, account, "account");
    }
}
