package io.eventbank.devstack.tokens;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Signs bearer tokens (JWT, RS256) the way the platform's services expect them: issuer {@link #ISSUER}, audience
 * {@link #AUDIENCE}, the subject, and the role in {@code groups} ({@code customer}, {@code operator}, {@code auditor},
 * or {@code service} for the services' own calls).
 */
public final class Tokens {

    public static final String ISSUER = "https://eventbank.local";
    public static final String AUDIENCE = "eventbank";
    public static final List<String> ROLES = List.of("customer", "operator", "auditor", "service");

    /** The services' own token lasts as long as a platform may run without a restart. */
    private static final Duration SERVICE_TOKEN_LIFETIME = Duration.ofDays(365);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final SigningKeys keys;

    public Tokens(SigningKeys keys) {
        this.keys = keys;
    }

    /** A token for the subject in the role, valid for {@code ttl} from now. */
    public String sign(String role, String subject, Duration ttl) {
        if (!ROLES.contains(role)) {
            throw new IllegalArgumentException("no role " + role + "; the roles are " + ROLES);
        }
        Instant now = Instant.now();
        return signClaims(claims(role, subject, ISSUER, AUDIENCE, now, now.plus(ttl)), keys.privateKey());
    }

    /** The claims of a token: issuer, audience, subject, the role in {@code groups}, when issued and until when. */
    public static Map<String, Object> claims(String role, String subject, String issuer, String audience,
            Instant issuedAt, Instant expires) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", issuer);
        claims.put("aud", audience);
        claims.put("sub", subject);
        claims.put("upn", subject);
        claims.put("groups", List.of(role));
        claims.put("iat", issuedAt.getEpochSecond());
        claims.put("exp", expires.getEpochSecond());
        claims.put("jti", UUID.randomUUID().toString());
        return claims;
    }

    /**
     * What every service of the platform needs about tokens and keys, as environment variables: the public key that
     * verifies callers' tokens ({@code EVENTBANK_JWT_PUBLIC_KEY}), the services' own token for their calls to each
     * other ({@code EVENTBANK_SERVICE_TOKEN}, role {@code service}, made anew at every start), and the folder of the
     * hosted banks' clearing keys beside the signing key ({@code EVENTBANK_TRANSFER_CLEARING_KEYS}, transfer-saga's).
     */
    public Map<String, String> serviceEnvironment() {
        return Map.of("EVENTBANK_JWT_PUBLIC_KEY", keys.publicKeyFile().toString(),
                "EVENTBANK_SERVICE_TOKEN", sign("service", "eventbank-services", SERVICE_TOKEN_LIFETIME),
                CLEARING_KEYS, clearingKeys().toString());
    }

    /** The environment variable of the folder of the banks' clearing keys. */
    public static final String CLEARING_KEYS = "EVENTBANK_TRANSFER_CLEARING_KEYS";

    /** The folder of the banks' clearing keys: beside the signing key pair. */
    public Path clearingKeys() {
        return keys.publicKeyFile().toAbsolutePath().getParent().resolve("clearing");
    }

    /** Signs any claims with any key: for tests that forge tokens. */
    public static String signClaims(Map<String, Object> claims, PrivateKey key) {
        try {
            String header = encode(Map.of("alg", "RS256", "typ", "JWT"));
            String body = header + "." + encode(claims);
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(body.getBytes(StandardCharsets.US_ASCII));
            return body + "." + BASE64URL.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
    }

    /** A token with {@code alg: none} and no signature: for tests that check it is refused. */
    public static String unsigned(Map<String, Object> claims) {
        return encode(Map.of("alg", "none", "typ", "JWT")) + "." + encode(claims) + ".";
    }

    static String encode(Map<String, ?> json) {
        try {
            return BASE64URL.encodeToString(JSON.writeValueAsBytes(json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A duration such as {@code 1h}, {@code 30m}, {@code 7d}, {@code 90s}, or ISO 8601 ({@code PT1H}). */
    public static Duration parseDuration(String text) {
        String t = text.strip().toLowerCase(java.util.Locale.ROOT);
        if (t.matches("\\d{1,6}[smhd]")) {
            long n = Long.parseLong(t.substring(0, t.length() - 1));
            return switch (t.charAt(t.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        return Duration.parse(text.strip().toUpperCase(java.util.Locale.ROOT));
    }
}
