package io.eventbank.gateway.rest;

import java.util.function.Supplier;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.eventbank.infrastructure.rest.IdempotencyKeys;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.eventbank.infrastructure.rest.Problem;
import io.eventbank.infrastructure.rest.ProblemException;
import org.jboss.logging.Logger;

/**
 * Calls to the services behind the gateway, and their answers as public answers: the body and status as they are
 * (a problem stays a problem), a service that cannot be reached as a 503 problem. Idempotent calls are tried again a
 * few times before giving up.
 */
final class Downstream {

    private static final Logger LOG = Logger.getLogger(Downstream.class);

    /**
     * An answer of a service: status, body, content type, Location, and whether the service found that an earlier
     * request with this one's key did it already (then it did nothing new, and the public answer says so).
     */
    record Answer(int status, String body, String contentType, String location, boolean replayed) {

        Answer(int status, String body, String contentType, String location) {
            this(status, body, contentType, location, false);
        }

        boolean ok() {
            return status >= 200 && status < 300;
        }

        Response toResponse() {
            Response.ResponseBuilder builder = Response.status(status)
                    .type(contentType == null ? MediaType.APPLICATION_JSON : contentType);
            if (body != null && !body.isEmpty()) {
                builder.entity(body);
            }
            if (location != null) {
                builder.header("Location", location);
            }
            if (replayed) {
                builder.header(IdempotencyKeys.REPLAYED, "true");
            }
            return builder.build();
        }
    }

    private Downstream() {
    }

    /**
     * A call that waits downstream without holding a thread here: its answer is taken on the worker pool (what follows
     * it may block); a service that does not answer becomes a 503 problem. Cancelled (the client went away), the call
     * is reset, and the service stops waiting too.
     */
    static Uni<Answer> callAsync(String service, Supplier<Uni<Response>> call) {
        return call.get()
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(response -> {
                    try (response) {
                        String body = response.hasEntity() ? response.readEntity(String.class) : null;
                        String type = response.getMediaType() == null ? null : response.getMediaType().toString();
                        return new Answer(response.getStatus(), body, type,
                                response.getLocation() == null ? null : response.getLocation().getPath());
                    }
                })
                .onFailure(failure -> !(failure instanceof ProblemException)).transform(failure -> {
                    LOG.warnf("%s does not answer a read that waits: %s", service, failure.toString());
                    return new ProblemException(Problem.of(503, "SERVICE_UNAVAILABLE", "Service unavailable",
                            service + " does not answer"));
                });
    }

    /** One call; a service that does not answer becomes a 503 problem. */
    static Answer call(String service, Supplier<Response> call) {
        return call(service, call, 1);
    }

    /**
     * An idempotent call, tried up to {@code attempts} times while the service does not answer or answers 5xx; a 504
     * is the answer itself (what was waited for did not happen in time), never tried again.
     */
    static Answer call(String service, Supplier<Response> call, int attempts) {
        for (int attempt = 1; ; attempt++) {
            try (Response response = call.get()) {
                String body = response.hasEntity() ? response.readEntity(String.class) : null;
                String type = response.getMediaType() == null ? null : response.getMediaType().toString();
                Answer answer = new Answer(response.getStatus(), body, type,
                        response.getLocation() == null ? null : response.getLocation().getPath(),
                        "true".equals(response.getHeaderString(IdempotencyKeys.SERVICE_REPLAYED)));
                if (answer.status() < 500 || answer.status() == 504 || attempt >= attempts) {
                    return answer;
                }
                LOG.warnf("%s answered %d (attempt %d of %d)", service, answer.status(), attempt, attempts);
            } catch (ProcessingException e) {
                if (attempt >= attempts) {
                    throw new ProblemException(Problem.of(503, "SERVICE_UNAVAILABLE", "Service unavailable",
                            service + " does not answer; nothing was changed unless a retry with the same"
                                    + " Idempotency-Key says so"));
                }
                LOG.warnf("%s does not answer (attempt %d of %d): %s", service, attempt, attempts, e.getMessage());
            }
            try {
                Thread.sleep(100L * attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProblemException(Problem.of(503, "SERVICE_UNAVAILABLE", "Service unavailable", service));
            }
        }
    }
}
