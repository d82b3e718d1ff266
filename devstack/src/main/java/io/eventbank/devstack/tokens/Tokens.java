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
    public static final List<String> ROLES = List.of("customer", "operator", "auditor");
    /**
     * The longest a person's token of each role may live ({@code ./eventbank token --ttl}): a working day for those who
     * run and read the platform, half a day for a customer's session. The services sign their own, for minutes.
     */
    public static final Map<String, Duration> MAX_TTL = Map.of("customer", Duration.ofHours(12),
            "operator", Duration.ofHours(8), "auditor", Duration.ofHours(8));


    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final SigningKeys keys;
    private final List<String> extraCallers;
    private ServiceKeys services;

    public Tokens(SigningKeys keys) {
        this(keys, List.of());
    }

    /** As {@link #Tokens(SigningKeys)}, every called service also taking the callers {@code extraCallers} (tests). */
    public Tokens(SigningKeys keys, List<String> extraCallers) {
        this.keys = keys;
        this.extraCallers = List.copyOf(extraCallers);
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
     * What one service of the platform needs about tokens and keys, as environment variables, and nothing more: the
     * gateway the public key that verifies people's tokens ({@code EVENTBANK_JWT_PUBLIC_KEY}); a service that calls
     * another its own key, to sign its short-lived tokens with ({@code EVENTBANK_SERVICE_KEY}); a service that is
     * called the public keys of the services that may call it ({@code EVENTBANK_SERVICE_CALLERS}, {@link ServiceKeys});
     * transfer-saga the folder of the hosted banks' clearing keys ({@code EVENTBANK_TRANSFER_CLEARING_KEYS}).
     */
    public Map<String, String> environmentOf(String service) {
        Map<String, String> environment = new LinkedHashMap<>(services().environmentOf(service));
        if (service.equals("api-gateway")) {
            environment.put("EVENTBANK_JWT_PUBLIC_KEY", keys.publicKeyFile().toString());
        }
        if (service.equals("transfer-saga")) {
            environment.put(CLEARING_KEYS, clearingKeys().toString());
        }
        return environment;
    }

    /** The services' own keys, beside the signing key pair (made on first use). */
    public ServiceKeys services() {
        if (services == null) {
            services = ServiceKeys.in(keys.publicKeyFile().toAbsolutePath().getParent().resolve("services"),
                    extraCallers);
        }
        return services;
    }

    /** The environment variable of the folder of the banks' clearing keys. */
    public static final String CLEARING_KEYS = "EVENTBANK_TRANSFER_CLEARING_KEYS";

    /** The folder of the banks' clearing keys: beside the signing key pair. */
    public Path clearingKeys() {
        return keys.publicKeyFile().toAbsolutePath().getParent().resolve("clearing");
    }

    /** Signs any claims with any key: for tests that forge tokens. */
    public static String signClaims(Map<String, Object> claims, PrivateKey key) {
        return signClaims(claims, key, null);
    }

    /** Signs claims with a key that has an id ({@code kid}, null for none). */
    public static String signClaims(Map<String, Object> claims, PrivateKey key, String keyId) {
        try {
            String header = encode(keyId == null ? Map.of("alg", "RS256", "typ", "JWT")
                    : Map.of("alg", "RS256", "typ", "JWT", "kid", keyId));
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
