package io.eventbank.account.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.eventbank.infrastructure.rest.Listing;
import io.eventbank.infrastructure.security.Roles;
import io.eventbank.account.application.Accounts;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The banks the platform hosts. */
@RolesAllowed(Roles.SERVICE)
@Path("/v1/banks")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "banks")
public class BankResource {

    @Inject
    Accounts accounts;

    /** A hosted bank as the API shows it: {@code bankCode} as on an account. */
    public record HostedBank(String bankCode, String bic, String name) {
    }

    /** The banks fit on one page. */
    @GET
    public Listing<HostedBank> banks() {
        return Listing.of(accounts.banks().all().stream()
                .map(bank -> new HostedBank(bank.code(), bank.bic(), bank.name())).toList());
    }
}
