package io.eventbank.gateway.security;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.eventbank.gateway.config.GatewayConfig;
import io.eventbank.infrastructure.rest.ProblemType;
import io.eventbank.infrastructure.rest.ProblemException;

/**
 * What one caller (a token's subject) may ask of the gateway, so that no caller holds back the others
 * ({@code eventbank.gateway.rate-limit.*}, {@code eventbank.gateway.waits.*}): writes and reads each from a token
 * bucket of the subject's, and reads that wait (a transfer until it is final, a read-your-writes version) at most so
 * many at once for the subject and for everyone together. Beyond any of them: 429 {@code too-many-requests} with
 * {@code Retry-After}, and nothing happens. The buckets of the subjects seen last are kept (at most
 * {@link #REMEMBERED}, the least recently used go first), so a flood of new subjects empties no one's bucket at once.
 */
@ApplicationScoped
public class CallerLimits {

    private static final int REMEMBERED = 100_000;

    @Inject
    GatewayConfig config;

    private final Cache<String, Bucket> writes = Caffeine.newBuilder().maximumSize(REMEMBERED)
            .expireAfterAccess(Duration.ofMinutes(10)).build();
    private final Cache<String, Bucket> reads = Caffeine.newBuilder().maximumSize(REMEMBERED)
            .expireAfterAccess(Duration.ofMinutes(10)).build();
    private final Cache<String, AtomicInteger> waitsOf = Caffeine.newBuilder().maximumSize(REMEMBERED).build();
    private final AtomicInteger waits = new AtomicInteger();

    private static final class Bucket {
        private double tokens;
        private long refilledAt = System.nanoTime();

        Bucket(double tokens) {
            this.tokens = tokens;
        }

        /** Takes a token; answers 0, or the seconds until one is there. */
        synchronized long take(double rate, int burst) {
            long now = System.nanoTime();
            tokens = Math.min(burst, tokens + (now - refilledAt) / 1e9 * rate);
            refilledAt = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - tokens) / rate));
        }
    }

    /** Takes one write from the subject's bucket, or refuses with 429. */
    public void admit(String subject) {
        take(writes, subject, config.rateLimit().writesPerSecond(), config.rateLimit().burst(), "writes");
    }

    /** Takes one read from the subject's bucket, or refuses with 429. */
    public void admitRead(String subject) {
        take(reads, subject, config.rateLimit().readsPerSecond(), config.rateLimit().readBurst(), "reads");
    }

    private static void take(Cache<String, Bucket> buckets, String subject, double rate, int burst, String what) {
        long wait = buckets.get(subject, s -> new Bucket(burst)).take(rate, burst);
        if (wait > 0) {
            throw tooMany("at most " + rate + " " + what + " a second (bursts of " + burst + ") per caller; try again"
                    + " in " + wait + " s", wait);
        }
    }

    /** A read that waits, counted until it is over; {@link #close} gives its place back (once). */
    public final class Wait implements AutoCloseable {

        private final AtomicInteger mine;
        private boolean closed;

        private Wait(AtomicInteger mine) {
            this.mine = mine;
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                mine.decrementAndGet();
                waits.decrementAndGet();
            }
        }
    }

    /**
     * A place for a read that waits, if the subject has fewer than {@code eventbank.gateway.waits.per-subject} waiting
     * and everyone together fewer than {@code eventbank.gateway.waits.total}; otherwise 429.
     */
    public Wait startWait(String subject) {
        int total = config.waits().total();
        int perSubject = config.waits().perSubject();
        if (waits.incrementAndGet() > total) {
            waits.decrementAndGet();
            throw tooMany("at most " + total + " reads wait at once", 1);
        }
        AtomicInteger mine = waitsOf.get(subject, s -> new AtomicInteger());
        if (mine.incrementAndGet() > perSubject) {
            mine.decrementAndGet();
            waits.decrementAndGet();
            throw tooMany("at most " + perSubject + " reads wait at once per caller", 1);
        }
        return new Wait(mine);
    }

    /** 429 {@code too-many-requests} with {@code Retry-After}. */
    public static ProblemException tooMany(String detail, long retryAfterSeconds) {
        return ProblemType.TOO_MANY_REQUESTS.exception(detail)
                .withHeader("Retry-After", Long.toString(retryAfterSeconds));
    }
}
