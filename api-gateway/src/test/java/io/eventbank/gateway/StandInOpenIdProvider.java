package io.eventbank.gateway;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.eventbank.devstack.testing.TestTokens;

/**
 * An external OpenID Connect issuer for the console's login test, standing in for Keycloak or another (there is none
 * on this machine): discovery, an authorization endpoint that signs in one person at once (a real issuer shows its
 * login page here), and a token endpoint that checks the authorization code, the redirect URI, the client and the
 * PKCE verifier (S256) before it answers with an access token the gateway accepts (signed with the test JVM's key,
 * this issuer, the person's role in {@code groups}) and an ID token.
 */
final class StandInOpenIdProvider implements AutoCloseable {

    record Grant(String clientId, String redirectUri, String challenge, String nonce) {
    }

    private final HttpServer server;
    private final String clientId;
    private final String role;
    private final String subject;
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();
    final AtomicInteger tokensIssued = new AtomicInteger();

    StandInOpenIdProvider(String clientId, String role, String subject) throws IOException {
        this.clientId = clientId;
        this.role = role;
        this.subject = subject;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/.well-known/openid-configuration", this::discovery);
        server.createContext("/authorize", this::authorize);
        server.createContext("/token", this::token);
        server.start();
    }

    String issuer() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void discovery(HttpExchange exchange) throws IOException {
        answer(exchange, 200, """
                {"issuer":"%1$s","authorization_endpoint":"%1$s/authorize","token_endpoint":"%1$s/token",
                 "jwks_uri":"%1$s/jwks","response_types_supported":["code"],"subject_types_supported":["public"],
                 "id_token_signing_alg_values_supported":["RS256"],"code_challenge_methods_supported":["S256"]}"""
                .formatted(issuer()));
    }

    private void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
        if (!clientId.equals(query.get("client_id")) || !"code".equals(query.get("response_type"))
                || !"S256".equals(query.get("code_challenge_method")) || query.get("code_challenge") == null) {
            answer(exchange, 400, "{\"error\":\"invalid_request\"}");
            return;
        }
        String code = UUID.randomUUID().toString();
        codes.put(code, new Grant(clientId, query.get("redirect_uri"), query.get("code_challenge"),
                query.get("nonce")));
        String back = query.get("redirect_uri") + "?code=" + code + "&state="
                + URLEncoder.encode(query.get("state"), StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Location", back);
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private void token(HttpExchange exchange) throws IOException {
        if (exchange.getRequestMethod().equals("OPTIONS")) {
            answer(exchange, 204, null);
            return;
        }
        Map<String, String> body = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        Grant grant = codes.remove(String.valueOf(body.get("code"))); // a code is good once
        if (grant == null || !"authorization_code".equals(body.get("grant_type"))
                || !grant.clientId().equals(body.get("client_id"))
                || !grant.redirectUri().equals(body.get("redirect_uri"))
                || !grant.challenge().equals(s256(body.get("code_verifier")))) {
            answer(exchange, 400, "{\"error\":\"invalid_grant\"}");
            return;
        }
        Map<String, Object> idClaims = new LinkedHashMap<>();
        idClaims.put("aud", clientId);
        if (grant.nonce() != null) {
            idClaims.put("nonce", grant.nonce());
        }
        String access = TestTokens.issuedBy(issuer(), role, subject, Map.of());
        String id = TestTokens.issuedBy(issuer(), role, subject, idClaims);
        tokensIssued.incrementAndGet();
        answer(exchange, 200, """
                {"access_token":"%s","id_token":"%s","token_type":"Bearer","expires_in":3600,"scope":"openid"}"""
                .formatted(access, id));
    }

    private static String s256(String verifier) {
        if (verifier == null) {
            return "";
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> form(String encoded) {
        Map<String, String> values = new LinkedHashMap<>();
        if (encoded != null) {
            for (String pair : encoded.split("&")) {
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    values.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return values;
    }

    /** Answers with the CORS headers a browser needs to call the token endpoint from the console's origin. */
    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        exchange.getResponseHeaders().add("Access-Control-Allow-Origin", "*");
        exchange.getResponseHeaders().add("Access-Control-Allow-Headers", "Content-Type, Authorization");
        exchange.getResponseHeaders().add("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
        if (json == null) {
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
            return;
        }
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
