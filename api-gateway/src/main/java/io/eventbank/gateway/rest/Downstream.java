package io.eventbank.gateway.rest;

import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Supplier;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.eventbank.infrastructure.json.Json;
import io.eventbank.infrastructure.rest.IdempotencyKeys;
import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.eventbank.infrastructure.rest.ProblemType;
import io.eventbank.infrastructure.rest.ProblemException;
import org.jboss.logging.Logger;

/**
 * Calls to the services behind the gateway, and their answers as public answers: the body and status as they are
 * (a problem stays a problem), a service that cannot be reached as a 503 problem. Idempotent calls are tried again a
 * few times before giving up (SmallRye Fault Tolerance).
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

        /** The body read as {@code type}, for what the gateway itself needs of an answer it otherwise passes on. */
        <T> T as(Class<T> type) {
            return read(body, type);
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

    /** A service's answer read as {@code type} (a record that names what the gateway reads of it). */
    static <T> T read(String body, Class<T> type) {
        try {
            return Json.mapper().readValue(body, type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a service's answer is not what it should be", e);
        }
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
                    return ProblemType.SERVICE_UNAVAILABLE.exception(service + " does not answer");
                });
    }

    /** One call; a service that does not answer becomes a 503 problem. */
    static Answer call(String service, Supplier<Response> call) {
        return call(service, call, false);
    }

    /**
     * A call; an idempotent one is tried again (SmallRye Fault Tolerance, {@link #RETRIED}) while the service does not
     * answer or answers 5xx. A 504 is the answer itself (what was waited for did not happen in time), never tried
     * again. A service that does not answer in the end becomes a 503 problem; a 5xx is answered as it is.
     */
    static Answer call(String service, Supplier<Response> call, boolean idempotent) {
        Supplier<Answer> attempt = () -> {
            Answer answer = answerOf(call.get());
            if (answer.status() >= 500 && answer.status() != 504) {
                throw new Failed(service, answer);
            }
            return answer;
        };
        try {
            return idempotent ? RETRIED.get(attempt, Answer.class) : attempt.get();
        } catch (Failed failed) {
            return failed.answer;
        } catch (ProcessingException e) {
            LOG.warnf("%s does not answer: %s", service, e.getMessage());
            throw ProblemType.SERVICE_UNAVAILABLE.exception(service + " does not answer; nothing was changed unless"
                    + " a retry with the same Idempotency-Key says so");
        }
    }

    /**
     * Three attempts in all, 100 ms apart (give or take 50), while the service does not answer or answers 5xx: the
     * calls it guards are idempotent, so a retry of one that did get through changes nothing.
     */
    private static final Guard RETRIED = Guard.create()
            .withRetry().maxRetries(2).delay(100, ChronoUnit.MILLIS).jitter(50, ChronoUnit.MILLIS)
            .retryOn(List.of(ProcessingException.class, Failed.class))
            .beforeRetry(failure -> LOG.warnf("trying again: %s", failure.getMessage())).done()
            .build();

    /** A service answered 5xx (but 504): worth another attempt, and otherwise its answer. */
    private static final class Failed extends RuntimeException {
        private final transient Answer answer;

        Failed(String service, Answer answer) {
            super(service + " answered " + answer.status(), null, false, false);
            this.answer = answer;
        }
    }

    private static Answer answerOf(Response called) {
        try (Response response = called) {
            String body = response.hasEntity() ? response.readEntity(String.class) : null;
            String type = response.getMediaType() == null ? null : response.getMediaType().toString();
            return new Answer(response.getStatus(), body, type,
                    response.getLocation() == null ? null : response.getLocation().getPath(),
                    "true".equals(response.getHeaderString(IdempotencyKeys.SERVICE_REPLAYED)));
        }
    }
}
