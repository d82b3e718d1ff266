package io.eventbank.gateway.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.eventbank.infrastructure.accounts.AccountBodies;
import io.eventbank.infrastructure.security.ServiceToken;
import io.eventbank.infrastructure.transfers.TransferBodies;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** account-service's internal API. Answers come back as they are (problems included), never as exceptions. */
@RegisterClientHeaders(ServiceToken.ToAccountService.class)
@RegisterRestClient(configKey = "account-service")
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
public interface AccountServiceClient {

    @GET
    @Path("/banks")
    Response banks();

    @POST
    @Path("/accounts")
    @Consumes(MediaType.APPLICATION_JSON)
    Response open(AccountBodies.OpenAccount body, @HeaderParam("X-Correlation-Id") String correlation);

    @GET
    @Path("/accounts/{iban}")
    Response get(@PathParam("iban") String iban);

    /** Books a transfer within one bank (final in the answer), once per key. */
    @POST
    @Path("/transfers")
    @Consumes(MediaType.APPLICATION_JSON)
    Response book(TransferBodies.Request body, @HeaderParam("Idempotency-Key") String idempotencyKey,
            @HeaderParam("X-Correlation-Id") String correlation);

    /** A transfer within one bank it booked. */
    @GET
    @Path("/transfers/{id}")
    Response transfer(@PathParam("id") String id);

    @GET
    @Path("/accounts/of-customer")
    Response ofCustomer(@QueryParam("customerId") String customerId, @QueryParam("after") String after,
            @QueryParam("limit") String limit);

    @PUT
    @Path("/accounts/{iban}/overdraft-limit")
    @Consumes(MediaType.APPLICATION_JSON)
    Response setOverdraftLimit(@PathParam("iban") String iban, AccountBodies.OverdraftLimit body,
            @HeaderParam("X-Correlation-Id") String correlation);

    /** A deposit ({@code deposits}) or a withdrawal ({@code withdrawals}). */
    @POST
    @Path("/accounts/{iban}/{movement}")
    @Consumes(MediaType.APPLICATION_JSON)
    Response move(@PathParam("iban") String iban, @PathParam("movement") String movement,
            AccountBodies.MoneyMovement body, @HeaderParam("X-Correlation-Id") String correlation);

    /** {@code freeze} (with its reason, if any), {@code unfreeze} or {@code close}. */
    @POST
    @Path("/accounts/{iban}/{operation}")
    @Consumes(MediaType.APPLICATION_JSON)
    Response lifecycle(@PathParam("iban") String iban, @PathParam("operation") String operation,
            AccountBodies.Freeze body, @HeaderParam("X-Correlation-Id") String correlation);
}
