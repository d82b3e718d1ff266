package io.eventbank.infrastructure.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

/**
 * This service's own credential for its calls to the platform's other services: a key pair of its own (the private
 * key in {@code eventbank.service.key}, {@code EVENTBANK_SERVICE_KEY}; only a service that calls another has one),
 * with which it signs a short-lived token for each service it calls: issuer {@link #ISSUER} (never a person's),
 * subject and key id its own name, audience the service called, role {@code service}, valid {@link #LIFETIME} and made
 * anew after half of it. A called service takes only tokens of the callers whose public keys it has
 * ({@code EVENTBANK_SERVICE_CALLERS}), for itself: nothing a person holds, nor a token for another service, passes.
 */
@ApplicationScoped
public class ServiceCredential {

    public static final String ISSUER = "https://eventbank.local/services";
    public static final Duration LIFETIME = Duration.ofMinutes(10);

    @ConfigProperty(name = "quarkus.application.name")
    String name;
    @ConfigProperty(name = "eventbank.service.key")
    Optional<String> keyFile;

    private record Minted(String token, Instant renewAfter) {
    }

    private volatile PrivateKey key;
    private final Map<String, Minted> minted = new ConcurrentHashMap<>();

    /** A token for a call to {@code audience} (a service's name); empty for a service that calls nobody. */
    public Optional<String> tokenFor(String audience) {
        if (keyFile.isEmpty() || keyFile.get().isBlank()) {
            return Optional.empty();
        }
        Instant now = Instant.now();
        Minted current = minted.get(audience);
        if (current == null || now.isAfter(current.renewAfter())) {
            current = new Minted(sign(audience, now), now.plus(LIFETIME.dividedBy(2)));
            minted.put(audience, current);
        }
        return Optional.of(current.token());
    }

    private String sign(String audience, Instant now) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setSubject(name);
        claims.setClaim("upn", name);
        claims.setAudience(audience);
        claims.setStringListClaim("groups", Roles.SERVICE);
        claims.setIssuedAt(NumericDate.fromSeconds(now.getEpochSecond()));
        claims.setExpirationTime(NumericDate.fromSeconds(now.plus(LIFETIME).getEpochSecond()));
        claims.setGeneratedJwtId();
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setKeyIdHeaderValue(name);
        jws.setHeader("typ", "JWT");
        jws.setKey(key());
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("could not sign " + name + "'s token for " + audience, e);
        }
    }

    private PrivateKey key() {
        PrivateKey loaded = key;
        if (loaded == null) {
            Path file = Path.of(keyFile.orElseThrow());
            try {
                String pem = Files.readString(file, StandardCharsets.US_ASCII);
                byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
                loaded = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the service key " + file, e);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the service key " + file + " is not an RSA private key", e);
            }
            key = loaded;
        }
        return loaded;
    }
}
