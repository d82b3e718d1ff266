package io.eventbank.gateway.client;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.eventbank.infrastructure.security.ServiceToken;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** risk-engine's internal API: the live analytics. */
@RegisterClientHeaders(ServiceToken.ToRiskEngine.class)
@RegisterRestClient(configKey = "risk-engine")
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
public interface RiskEngineClient {

    @GET
    @Path("/analytics")
    Response analytics(@QueryParam("minutes") String minutes);
}
