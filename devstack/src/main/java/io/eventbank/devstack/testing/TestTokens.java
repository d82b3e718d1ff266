package io.eventbank.devstack.testing;

import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.eventbank.devstack.TestStack;
import io.eventbank.devstack.tokens.SigningKeys;
import io.eventbank.devstack.tokens.Tokens;

/**
 * Tokens for tests: signed with the test JVM's key pair (the one its services verify with), and forged ones that
 * every service must refuse. Works in a {@code @QuarkusTest} too, whose test class may have a class loader of its
 * own: the key pair is found through a system property, not through the {@link TestStack} instance.
 */
public final class TestTokens {

    private TestTokens() {
    }

    public static String customer(String subject) {
        return sign("customer", subject);
    }

    public static String operator() {
        return sign("operator", "test-operator");
    }

    public static String auditor() {
        return sign("auditor", "test-auditor");
    }

    /**
     * The tests' own caller's token for the internal services ({@link TestStack#serviceToken}), as the stack left it
     * (the test and its stack may have class loaders of their own).
     */
    public static String service() {
        return System.getProperty(io.eventbank.devstack.ServiceTokenFilter.PROPERTY);
    }

    public static String sign(String role, String subject) {
        return tokens().sign(role, subject, Duration.ofHours(1));
    }

    /** A token that carries several roles at once, as an external issuer may give a person who has them. */
    public static String withRoles(String subject, String... roles) {
        Instant now = Instant.now();
        Map<String, Object> claims = new LinkedHashMap<>(Tokens.claims(roles[0], subject, Tokens.ISSUER,
                Tokens.AUDIENCE, now, now.plusSeconds(3600)));
        claims.put("groups", java.util.List.of(roles));
        return Tokens.signClaims(claims, keys().privateKeyForTests());
    }

    /**
     * A token as an external OpenID Connect issuer would sign it (with the test JVM's key, which the services verify
     * with): the role in {@code groups}, any issuer, the platform's audience, valid for an hour.
     */
    public static String issuedBy(String issuer, String role, String subject, Map<String, Object> extraClaims) {
        Instant now = Instant.now();
        Map<String, Object> claims = new LinkedHashMap<>(Tokens.claims(role, subject, issuer, Tokens.AUDIENCE, now,
                now.plusSeconds(3600)));
        claims.putAll(extraClaims);
        return Tokens.signClaims(claims, keys().privateKeyForTests());
    }

    /** Ways a token can be wrong, each of which must answer 401: name, token. */
    public static Map<String, String> forged(String role, String subject) {
        Instant now = Instant.now();
        Map<String, String> forged = new LinkedHashMap<>();
        forged.put("expired", Tokens.signClaims(claims(role, subject, "https://eventbank.local", "eventbank",
                now.minusSeconds(7200), now.minusSeconds(3600)), keys().privateKeyForTests()));
        forged.put("signed by another key", Tokens.signClaims(claims(role, subject, "https://eventbank.local",
                "eventbank", now, now.plusSeconds(3600)), strangerKey()));
        forged.put("alg none", Tokens.unsigned(claims(role, subject, "https://eventbank.local", "eventbank", now,
                now.plusSeconds(3600))));
        forged.put("wrong issuer", Tokens.signClaims(claims(role, subject, "https://evil.example", "eventbank", now,
                now.plusSeconds(3600)), keys().privateKeyForTests()));
        forged.put("wrong audience", Tokens.signClaims(claims(role, subject, "https://eventbank.local", "elsewhere",
                now, now.plusSeconds(3600)), keys().privateKeyForTests()));
        forged.put("not a token", "not.a.token");
        return forged;
    }

    private static Map<String, Object> claims(String role, String subject, String issuer, String audience,
            Instant issuedAt, Instant expires) {
        return Tokens.claims(role, subject, issuer, audience, issuedAt, expires);
    }

    private static PrivateKey strangerKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair().getPrivate();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Tokens tokens() {
        return new Tokens(keys());
    }

    /**
     * A token that {@code caller} signs with its own key for {@code audience}, as a service does for its calls: to
     * check that a called service takes it only from its own callers and only when it is for itself.
     */
    public static String serviceToken(String caller, String audience) {
        Instant now = Instant.now();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", "https://eventbank.local/services");
        claims.put("aud", audience);
        claims.put("sub", caller);
        claims.put("upn", caller);
        claims.put("groups", java.util.List.of("service"));
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.plusSeconds(600).getEpochSecond());
        Path services = keys().publicKeyFile().getParent().resolve("services");
        return Tokens.signClaims(claims, io.eventbank.devstack.tokens.ServiceKeys.in(services,
                java.util.List.of(TestStack.HARNESS)).privateKey(caller), caller);
    }

    private static SigningKeys keys() {
        String directory = System.getProperty(TestStack.KEYS_PROPERTY);
        return directory != null ? SigningKeys.in(Path.of(directory)) : TestStack.get().keys();
    }
}
