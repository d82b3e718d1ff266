package io.eventbank.gateway.client;

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

import io.eventbank.infrastructure.security.ServiceToken;
import io.eventbank.infrastructure.transfers.TransferBodies;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** transfer-saga's internal API. */
@RegisterClientHeaders(ServiceToken.ToTransferSaga.class)
@RegisterRestClient(configKey = "transfer-saga")
@Path("/v1/transfers")
@Produces(MediaType.APPLICATION_JSON)
public interface TransferSagaClient {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    Response request(TransferBodies.Request body, @HeaderParam("Idempotency-Key") String idempotencyKey,
            @HeaderParam("X-Correlation-Id") String correlation);

    /** The transfers from an account that are not final: {@code {"items":[{"transferId","status","createdAt"}]}}. */
    @GET
    @Path("/in-flight")
    Response inFlight(@QueryParam("debtorIban") String debtorIban);

    @GET
    @Path("/{id}")
    Response get(@PathParam("id") String id, @QueryParam("wait") String wait);

    /** {@code {"held": true|false}}: whether it holds transfers within one bank (made before account-service did). */
    @GET
    @Path("/within-one-bank")
    Response withinOneBank();

    /** The transfer an earlier request with the key made there (200), none (404), another request's key (422). */
    @POST
    @Path("/requested")
    @Consumes(MediaType.APPLICATION_JSON)
    Response requested(TransferBodies.Request body, @HeaderParam("Idempotency-Key") String idempotencyKey);
}
