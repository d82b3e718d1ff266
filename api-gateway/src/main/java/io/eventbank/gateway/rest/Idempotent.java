package io.eventbank.gateway.rest;

import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

import io.eventbank.gateway.idempotency.IdempotencyStore;
import io.eventbank.gateway.security.Ownership;
import io.eventbank.gateway.security.CallerLimits;
import io.eventbank.infrastructure.rest.IdempotencyKeys;
import io.eventbank.infrastructure.rest.Problem;
import io.eventbank.infrastructure.rest.ProblemType;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * A creating POST under its {@code Idempotency-Key}: the same key with the same body answers what the first request
 * answered ({@code Idempotency-Replayed: true}); with another body 422; while the first still runs 409. An answer
 * of 5xx, or none, releases the key for a retry.
 */
@ApplicationScoped
public class Idempotent {

    @Inject
    IdempotencyStore store;
    @Inject
    CallerLimits limits;
    @Inject
    SecurityIdentity caller;

    /**
     * Runs a write: within the caller's write limit, and once per key. A key belongs to the caller who used it: two
     * callers may use the same key for different requests.
     */
    Response run(String operation, String key, String requestHash, Supplier<Downstream.Answer> action) {
        String subject = Ownership.subject(caller);
        limits.admit(subject);
        if (key == null) {
            return action.get().toResponse();
        }
        IdempotencyKeys.check(key);
        String scope = Bodies.callerKey(subject) + " " + operation;
        IdempotencyStore.Claim claim = store.claim(scope, key, requestHash);
        if (claim instanceof IdempotencyStore.Replay replay) {
            return replayed(replay);
        }
        if (claim instanceof IdempotencyStore.Mismatch) {
            throw ProblemType.IDEMPOTENCY_KEY_REUSED.exception(
                    "the Idempotency-Key " + key + " was used with a different body", "Idempotency-Key");
        }
        if (claim instanceof IdempotencyStore.InProgress) {
            throw ProblemType.IDEMPOTENCY_KEY_IN_USE.exception(
                    "a request with the Idempotency-Key " + key + " is still running; retry later");
        }
        try {
            Downstream.Answer answer;
            try {
                answer = action.get();
            } catch (RuntimeException e) {
                store.release(scope, key);
                throw e;
            }
            if (answer.status() >= 500) {
                store.release(scope, key);
            } else {
                store.complete(scope, key, answer.status(), answer.body(), answer.location());
            }
            return answer.toResponse();
        } finally {
            // if the answer could not be stored (the database went away), a retry takes the key over
            store.finished(scope, key);
        }
    }

    private static Response replayed(IdempotencyStore.Replay replay) {
        Response.ResponseBuilder builder = Response.status(replay.status())
                .type(replay.status() >= 400 ? Problem.MEDIA_TYPE.toString() : "application/json")
                .header(IdempotencyKeys.REPLAYED, "true");
        if (replay.body() != null) {
            builder.entity(replay.body());
        }
        if (replay.location() != null) {
            builder.header("Location", replay.location());
        }
        return builder.build();
    }
}
