package io.eventbank.ledger.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.eventbank.infrastructure.security.Roles;
import io.eventbank.ledger.deadletters.DeadLetters;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Operators: the platform's dead letters (dead-letter topics and parked records) and their re-drive. */
@RolesAllowed(Roles.SERVICE)
@Path("/v1/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "operations")
public class DeadLetterResource {

    public record Listing(List<DeadLetters.Entry> items, String next) {
    }

    public record Redrives(List<DeadLetters.Redriven> items, String next) {
    }

    @Inject
    DeadLetters deadLetters;

    @GET
    @Operation(summary = "The dead letters: records of the dead-letter topics and records parked by read models")
    public Listing list() {
        return new Listing(deadLetters.list(), null);
    }

    @POST
    @Path("/{id}/redrive")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Re-drive one dead letter: back to its topic, or applied to its read model again")
    public DeadLetters.Redriven redrive(@PathParam("id") String id) {
        return deadLetters.redrive(id);
    }

    @POST
    @Path("/redrive")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Re-drive every dead letter not re-driven yet")
    public Redrives redriveAll() {
        return new Redrives(deadLetters.redriveAll(), null);
    }
}
