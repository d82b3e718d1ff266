package io.eventbank.gateway.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.eventbank.gateway.client.AccountServiceClient;
import io.eventbank.infrastructure.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** The banks the platform hosts. */
@Path("/api/v1/banks")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "banks")
public class BanksApi {

    @Inject
    @RestClient
    AccountServiceClient accounts;

    @GET
    @RolesAllowed({Roles.CUSTOMER, Roles.OPERATOR, Roles.AUDITOR})
    @APIResponse(responseCode = "200", description = "the hosted banks",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Answers.Banks.class)))
    @Operation(operationId = "listBanks",
            summary = "The hosted banks: bank code, BIC, name")
    public Response banks() {
        return Downstream.call("account-service", accounts::banks, true).toResponse();
    }
}
