package io.eventbank.gateway.security;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.eventbank.gateway.config.GatewayConfig;
import io.eventbank.infrastructure.rest.Problem;
import io.eventbank.infrastructure.rest.ProblemException;

/**
 * How many writes a subject may send: a token bucket per subject ({@code eventbank.gateway.rate-limit.*}). A write
 * beyond it answers 429 {@code too-many-requests} with {@code Retry-After}, and changes nothing.
 */
@ApplicationScoped
public class WriteLimits {

    private static final int REMEMBERED = 100_000;

    @Inject
    GatewayConfig config;

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    private static final class Bucket {
        private double tokens;
        private long refilledAt = System.nanoTime();

        Bucket(double tokens) {
            this.tokens = tokens;
        }
    }

    /** Takes one write from the subject's bucket, or refuses with 429. */
    public void admit(String subject) {
        double rate = config.rateLimit().writesPerSecond();
        int burst = config.rateLimit().burst();
        if (buckets.size() > REMEMBERED) {
            buckets.clear();
        }
        Bucket bucket = buckets.computeIfAbsent(subject, s -> new Bucket(burst));
        long waitSeconds;
        synchronized (bucket) {
            long now = System.nanoTime();
            bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.refilledAt) / 1e9 * rate);
            bucket.refilledAt = now;
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return;
            }
            waitSeconds = (long) Math.ceil((1 - bucket.tokens) / rate);
        }
        throw tooMany("at most " + rate + " writes a second (bursts of " + burst + ") per caller; try again in "
                + Math.max(1, waitSeconds) + " s", Math.max(1, waitSeconds));
    }

    /** 429 {@code too-many-requests} with {@code Retry-After}. */
    public static ProblemException tooMany(String detail, long retryAfterSeconds) {
        return new ProblemException(Problem.of(429, "TOO_MANY_REQUESTS", "Too many requests", detail))
                .withHeader("Retry-After", Long.toString(retryAfterSeconds));
    }
}
