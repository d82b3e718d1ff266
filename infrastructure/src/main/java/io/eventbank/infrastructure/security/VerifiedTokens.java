package io.eventbank.infrastructure.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Bearer tokens already verified, kept for a while: a caller sends the same token with many requests (the gateway
 * and the ledger send their service token with every call), and checking its signature again each time took 6 to
 * 9 % of each service's CPU under load (docs/benchmarks.md). A token is kept by its exact text, only once
 * smallrye-jwt has verified it (signature, issuer, audience, expiry), for {@link #KEPT} at most and never past its
 * expiry; a token that fails is never kept, and at most {@link #SIZE} are.
 */
@Decorator
@Priority(10)
public abstract class VerifiedTokens implements JWTParser {

    static final Duration KEPT = Duration.ofSeconds(30);
    static final int SIZE = 10_000;

    @Inject
    @Delegate
    @Any
    JWTParser parser;

    private final Cache<String, JsonWebToken> verified = Caffeine.newBuilder()
            .maximumSize(SIZE)
            .expireAfterWrite(KEPT)
            .build();

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        return parse(token, parser, verified, Clock.systemUTC());
    }

    /** The token as {@code parser} verifies it, or as it did within the last {@link #KEPT} if it has not expired. */
    static JsonWebToken parse(String token, JWTParser parser, Cache<String, JsonWebToken> verified, Clock clock)
            throws ParseException {
        JsonWebToken known = verified.getIfPresent(token);
        if (known != null && Instant.now(clock).getEpochSecond() < known.getExpirationTime()) {
            return known;
        }
        JsonWebToken fresh = parser.parse(token);
        verified.put(token, fresh);
        return fresh;
    }
}
