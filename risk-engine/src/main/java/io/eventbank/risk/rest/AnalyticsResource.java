package io.eventbank.risk.rest;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.eventbank.infrastructure.rest.ProblemException;
import io.eventbank.infrastructure.rest.ProblemType;
import io.eventbank.infrastructure.security.Roles;
import io.eventbank.risk.config.RiskConfig;
import io.eventbank.risk.stream.Analytics;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The live analytics: per minute, bank and currency, transfers, volume, failures, screenings and holds. */
@RolesAllowed(Roles.SERVICE)
@Path("/v1/analytics")
@Produces(MediaType.APPLICATION_JSON)
public class AnalyticsResource {

    private static final int TOP = 10;

    @Inject
    Analytics analytics;
    @Inject
    RiskConfig config;

    /** The last {@code minutes} minutes (60 unless asked), this one included, and the ten most held accounts. */
    @GET
    @Operation(summary = "Per minute, bank and currency: transfers, volume, failures, screenings and holds, of the last"
            + " minutes (?minutes=, 60 by default, at most analytics-kept); and the ten accounts held most often")
    public Analytics.Report report(@QueryParam("minutes") String minutes) {
        long asked = minutes(minutes);
        Instant now = Instant.now();
        Instant to = now.truncatedTo(ChronoUnit.MINUTES);
        try {
            return analytics.report(to.minus(Duration.ofMinutes(asked - 1)), to, TOP);
        } catch (InvalidStateStoreException e) {
            throw ProblemType.SERVICE_UNAVAILABLE.exception("the risk engine is starting or restoring its state");
        }
    }

    private long minutes(String minutes) {
        long kept = config.analyticsKept().toMinutes();
        if (minutes == null) {
            return Math.min(60, kept);
        }
        try {
            long asked = Long.parseLong(minutes);
            if (asked >= 1 && asked <= kept) {
                return asked;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.invalid("minutes", "a whole number of minutes from 1 to " + kept);
    }
}
