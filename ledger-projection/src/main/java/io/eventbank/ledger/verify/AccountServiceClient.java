package io.eventbank.ledger.verify;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.eventbank.infrastructure.security.ServiceToken;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** account-service's balances, the other side of the verification's comparison. */
@RegisterClientHeaders(ServiceToken.ToAccountService.class)
@RegisterRestClient(configKey = "account-service")
@Path("/v1/accounts")
@Produces(MediaType.APPLICATION_JSON)
public interface AccountServiceClient {

    record Balance(String iban, String currency, String balance, long version) {
    }

    record Balances(List<Balance> items, String next) {
    }

    @GET
    Balances balances(@QueryParam("after") String after, @QueryParam("limit") int limit);
}
