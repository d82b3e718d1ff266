package io.eventbank.account.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.eventbank.infrastructure.security.Roles;
import io.eventbank.account.application.Accounts;
import io.eventbank.infrastructure.banks.Bank;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The banks the platform hosts. */
@RolesAllowed(Roles.SERVICE)
@Path("/v1/banks")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "banks")
public class BankResource {

    @Inject
    Accounts accounts;

    @GET
    public List<Bank> banks() {
        return accounts.banks().all();
    }
}
