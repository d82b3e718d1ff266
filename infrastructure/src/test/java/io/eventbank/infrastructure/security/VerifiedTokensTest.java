package io.eventbank.infrastructure.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

/** The verified tokens kept, with smallrye-jwt's own parser verifying real RS256 signatures. */
class VerifiedTokensTest {

    private static final String ISSUER = "https://eventbank.test";

    private final KeyPair keys = rsa();
    private final CountingParser parser = new CountingParser(new JWTAuthContextInfo(keys.getPublic(), ISSUER));
    private final Cache<String, JsonWebToken> verified = Caffeine.newBuilder().maximumSize(100).build();
    private final Clock now = Clock.systemUTC();

    @Test
    void shouldVerifyATokenOnceAndAnswerItsRepeatsFromWhatWasVerified() throws Exception {
        String token = sign(keys.getPrivate(), "alice", Instant.now().plusSeconds(3600));

        JsonWebToken first = VerifiedTokens.parse(token, parser, verified, now);
        JsonWebToken again = VerifiedTokens.parse(token, parser, verified, now);

        assertThat(first.getSubject()).isEqualTo("alice");
        assertThat(again).isSameAs(first);
        assertThat(parser.parsed).isEqualTo(1);
    }

    @Test
    void shouldNeverKeepATokenThatFailsVerification() throws Exception {
        String forged = sign(rsa().getPrivate(), "mallory", Instant.now().plusSeconds(3600));

        for (int attempt = 1; attempt <= 2; attempt++) {
            assertThatThrownBy(() -> VerifiedTokens.parse(forged, parser, verified, now))
                    .isInstanceOf(ParseException.class);
            assertThat(parser.parsed).isEqualTo(attempt);
        }
        assertThat(verified.asMap()).isEmpty();
    }

    @Test
    void shouldVerifyAgainOnceTheKeptTokenHasExpired() throws Exception {
        Instant expiry = Instant.now().plusSeconds(3600);
        String token = sign(keys.getPrivate(), "alice", expiry);
        VerifiedTokens.parse(token, parser, verified, now);

        Clock pastExpiry = Clock.fixed(expiry.plusSeconds(1), ZoneOffset.UTC);
        VerifiedTokens.parse(token, parser, verified, pastExpiry);

        assertThat(parser.parsed).isEqualTo(2);
    }

    @Test
    void shouldKeepEachTokenByItsExactText() throws Exception {
        String alice = sign(keys.getPrivate(), "alice", Instant.now().plusSeconds(3600));
        String bob = sign(keys.getPrivate(), "bob", Instant.now().plusSeconds(3600));

        assertThat(VerifiedTokens.parse(alice, parser, verified, now).getSubject()).isEqualTo("alice");
        assertThat(VerifiedTokens.parse(bob, parser, verified, now).getSubject()).isEqualTo("bob");
        assertThat(VerifiedTokens.parse(alice, parser, verified, now).getSubject()).isEqualTo("alice");
        assertThat(parser.parsed).isEqualTo(2);
    }

    /** smallrye-jwt's parser, counting the tokens it verifies. */
    private static final class CountingParser extends DefaultJWTParser {

        int parsed;

        CountingParser(JWTAuthContextInfo context) {
            super(context);
        }

        @Override
        public JsonWebToken parse(String token) throws ParseException {
            parsed++;
            return super.parse(token);
        }
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sign(PrivateKey key, String subject, Instant expiry) throws Exception {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        long issued = Instant.now().minus(Duration.ofSeconds(5)).getEpochSecond();
        String header = base64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = base64.encodeToString(("{\"iss\":\"" + ISSUER + "\",\"sub\":\"" + subject + "\",\"upn\":\""
                + subject + "\",\"iat\":" + issued + ",\"exp\":" + expiry.getEpochSecond() + ",\"groups\":[\"customer\"]}")
                .getBytes(StandardCharsets.UTF_8));
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(key);
        signature.update((header + "." + claims).getBytes(StandardCharsets.UTF_8));
        return header + "." + claims + "." + base64.encodeToString(signature.sign());
    }
}
