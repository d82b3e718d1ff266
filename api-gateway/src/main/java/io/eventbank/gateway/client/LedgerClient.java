package io.eventbank.gateway.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.eventbank.infrastructure.security.ServiceToken;
import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** ledger-projection's internal API: the read models. */
@RegisterClientHeaders(ServiceToken.ToLedgerProjection.class)
@RegisterRestClient(configKey = "ledger-projection")
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
public interface LedgerClient {

    @GET
    @Path("/accounts/{iban}")
    Response account(@PathParam("iban") String iban, @QueryParam("waitForEvent") String eventId,
            @QueryParam("wait") String wait, @QueryParam("version") String version);

    /** The account once the read model has the event or version: waits without a thread (cancelled, it resets). */
    @GET
    @Path("/accounts/{iban}")
    Uni<Response> accountWhenApplied(@PathParam("iban") String iban, @QueryParam("waitForEvent") String eventId,
            @QueryParam("wait") String wait, @QueryParam("version") String version);

    @GET
    @Path("/accounts/{iban}/transactions")
    Response transactions(@PathParam("iban") String iban, @QueryParam("cursor") String cursor,
            @QueryParam("limit") String limit);

    @GET
    @Path("/transfers/{id}")
    Response transfer(@PathParam("id") String id, @QueryParam("wait") String wait,
            @QueryParam("version") String version);

    /** The transfer once final (or the wait is over), or once the read model has its version: waits without a thread. */
    @GET
    @Path("/transfers/{id}")
    Uni<Response> transferWhenReady(@PathParam("id") String id, @QueryParam("wait") String wait,
            @QueryParam("version") String version);

    @GET
    @Path("/events")
    Response events(@QueryParam("account") String account, @QueryParam("transfer") String transfer,
            @QueryParam("type") String type, @QueryParam("correlationId") String correlationId,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("cursor") String cursor,
            @QueryParam("after") String after, @QueryParam("limit") String limit,
            @QueryParam("sinceOpening") String sinceOpening);

    @GET
    @Path("/events/{id}")
    Response event(@PathParam("id") String id);

    @GET
    @Path("/events/head")
    Response eventsHead();

    @GET
    @Path("/projections")
    Response projections();

    @GET
    @Path("/settlements/history")
    Response settlementHistory(@QueryParam("minutes") String minutes);

    @GET
    @Path("/transfers/unfinished")
    Response unfinishedTransfers(@QueryParam("limit") String limit);

    @GET
    @Path("/activity")
    Response activity(@QueryParam("minutes") String minutes);

    @GET
    @Path("/projections/{name}")
    Response projection(@PathParam("name") String name);

    @POST
    @Path("/projections/{name}/replay")
    @Consumes(MediaType.WILDCARD)
    Response replay(@PathParam("name") String name);

    @GET
    @Path("/dead-letters")
    Response deadLetters();

    @POST
    @Path("/dead-letters/{id}/redrive")
    @Consumes(MediaType.WILDCARD)
    Response redriveDeadLetter(@PathParam("id") String id);

    @POST
    @Path("/dead-letters/redrive")
    @Consumes(MediaType.WILDCARD)
    Response redriveAllDeadLetters();

    @GET
    @Path("/settlements")
    Response settlements();

    @GET
    @Path("/verification")
    Response verification();
}
