package io.eventbank.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Who may call which operation of the public API, checked against the running gateway for every operation its
 * OpenAPI document lists: with no token, with each kind of forged token, with a service's token (401: it is no
 * token at the gateway), and as the customer who owns the account, another customer, an operator and an auditor. A
 * role that may not call an operation gets 403; a customer calling on another's account or transfer gets 404, exactly as if it did not exist; an allowed
 * call, with a valid body, succeeds (2xx). An operation that the document lists and this table does not fails the
 * check: a new endpoint needs its rule here.
 */
final class AccessMatrix {

    /** Callers: a role, or none, or a forged token. */
    static final String CUSTOMER = "customer";
    static final String STRANGER = "another customer";
    static final String OPERATOR = "operator";
    static final String AUDITOR = "auditor";

    /**
     * An operation's rule: the roles that may call it, whether a customer may call it only on what it owns, and the
     * body an allowed call sends (a valid one: an allowed call must succeed).
     */
    record Rule(Set<String> roles, boolean ownedByCustomer, String body) {

        static Rule of(boolean owned, String... roles) {
            return new Rule(Set.of(roles), owned, null);
        }

        Rule sending(String json) {
            return new Rule(roles, ownedByCustomer, json);
        }
    }

    /** The rules, by "METHOD path" as the OpenAPI document names the operation. */
    static final Map<String, Rule> RULES = new LinkedHashMap<>();

    static {
        RULES.put("GET /api/v1/banks", Rule.of(false, CUSTOMER, OPERATOR, AUDITOR));
        RULES.put("POST /api/v1/accounts", Rule.of(false, CUSTOMER).sending("{\"owner\":\"Matrix\",\"currency\":\"EUR\"}"));
        RULES.put("GET /api/v1/accounts", Rule.of(false, CUSTOMER));
        RULES.put("GET /api/v1/accounts/{iban}", Rule.of(true, CUSTOMER, OPERATOR, AUDITOR));
        RULES.put("GET /api/v1/accounts/{iban}/transactions", Rule.of(true, CUSTOMER, AUDITOR));
        RULES.put("POST /api/v1/accounts/{iban}/deposits", Rule.of(true, CUSTOMER).sending("{\"amount\":\"1.00\"}"));
        RULES.put("POST /api/v1/accounts/{iban}/withdrawals", Rule.of(true, CUSTOMER).sending("{\"amount\":\"1.00\"}"));
        RULES.put("POST /api/v1/accounts/{iban}/freeze", Rule.of(false, OPERATOR).sending("{\"reason\":\"matrix\"}"));
        RULES.put("POST /api/v1/accounts/{iban}/unfreeze", Rule.of(false, OPERATOR));
        RULES.put("POST /api/v1/accounts/{iban}/close", Rule.of(false, OPERATOR));
        RULES.put("POST /api/v1/transfers", Rule.of(true, CUSTOMER).sending("{\"debtorIban\":\"{iban}\","
                + "\"creditorIban\":\"{payee}\",\"amount\":\"0.01\",\"currency\":\"EUR\"}"));
        RULES.put("GET /api/v1/transfers/{id}", Rule.of(true, CUSTOMER, OPERATOR, AUDITOR));
        RULES.put("GET /api/v1/events", Rule.of(true, CUSTOMER, AUDITOR));
        RULES.put("GET /api/v1/events/stream", Rule.of(true, CUSTOMER, AUDITOR));
        RULES.put("GET /api/v1/admin/projections", Rule.of(false, OPERATOR, AUDITOR));
        RULES.put("GET /api/v1/admin/projections/{name}", Rule.of(false, OPERATOR, AUDITOR));
        RULES.put("POST /api/v1/admin/projections/{name}/replay", Rule.of(false, OPERATOR));
        RULES.put("PUT /api/v1/admin/accounts/{iban}/overdraft-limit", Rule.of(false, OPERATOR)
                .sending("{\"limit\":\"10.00\"}"));
        RULES.put("GET /api/v1/admin/dead-letters", Rule.of(false, OPERATOR, AUDITOR));
        RULES.put("POST /api/v1/admin/dead-letters/{id}/redrive", Rule.of(false, OPERATOR));
        RULES.put("POST /api/v1/admin/dead-letters/redrive", Rule.of(false, OPERATOR));
        RULES.put("GET /api/v1/admin/settlements", Rule.of(false, OPERATOR, AUDITOR));
        RULES.put("GET /api/v1/admin/settlements/history", Rule.of(false, OPERATOR, AUDITOR));
        RULES.put("GET /api/v1/admin/transfers/unfinished", Rule.of(false, OPERATOR, AUDITOR));
        RULES.put("GET /api/v1/admin/activity", Rule.of(false, OPERATOR, AUDITOR));
        RULES.put("GET /api/v1/admin/risk/analytics", Rule.of(false, OPERATOR, AUDITOR));
        RULES.put("GET /api/v1/admin/verification", Rule.of(false, OPERATOR, AUDITOR));
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    // HTTP/1.1 as clients of the API mostly are: the JDK client's h2c upgrade on a large answer (the OpenAPI document) was
    // seen to break on the gateway
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;
    private final Map<String, String> tokens;
    private final Map<String, String> forged;
    private final String serviceToken;
    private final Map<String, String> pathValues;
    private final String ownAccount;

    /**
     * @param tokens     a token for each of {@link #CUSTOMER} (the owner of {@code ownAccount}), {@link #STRANGER},
     *                   {@link #OPERATOR} and {@link #AUDITOR}
     * @param pathValues what each path parameter is: an account ({@code iban}) and a transfer ({@code id}) of the
     *                   customer's own, a read model ({@code name}), and for the bodies and the close an account to pay
     *                   ({@code payee}) and an empty account of the customer's ({@code empty})
     */
    AccessMatrix(String base, Map<String, String> tokens, Map<String, String> forged, String serviceToken,
            Map<String, String> pathValues, String ownAccount) {
        this.base = base;
        this.tokens = tokens;
        this.forged = forged;
        this.serviceToken = serviceToken;
        this.pathValues = pathValues;
        this.ownAccount = ownAccount;
    }

    /** The operations of the OpenAPI document, as "METHOD path", under /api. */
    Set<String> documentedOperations() throws IOException, InterruptedException {
        JsonNode document = JSON.readTree(send("GET", "/q/openapi?format=json", null).body());
        Set<String> operations = new TreeSet<>();
        Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            if (!path.getKey().startsWith("/api/")) {
                continue;
            }
            path.getValue().fieldNames().forEachRemaining(method -> {
                if (Set.of("get", "post", "put", "delete", "patch").contains(method)) {
                    operations.add(method.toUpperCase() + " " + path.getKey());
                }
            });
        }
        return operations;
    }

    /**
     * Calls every operation as every caller, in the order of {@link #RULES} (so that a freeze comes before its
     * unfreeze); answers the mismatches (empty when the gateway keeps every rule). An allowed call must succeed
     * (2xx), but for the re-drive of a dead letter that does not exist (404).
     */
    List<String> check(Set<String> operations) throws IOException, InterruptedException {
        List<String> mismatches = new ArrayList<>();
        operations.stream().filter(operation -> !RULES.containsKey(operation))
                .forEach(operation -> mismatches.add(operation + ": not in the access rules"));
        for (Map.Entry<String, Rule> entry : RULES.entrySet()) {
            String operation = entry.getKey();
            Rule rule = entry.getValue();
            if (!operations.contains(operation)) {
                continue;
            }
            String method = operation.substring(0, operation.indexOf(' '));
            String path = target(operation.substring(operation.indexOf(' ') + 1));
            String body = rule.body() == null ? "{}" : fill(rule.body());
            expect(mismatches, operation, "no token", send(method, path, null, body), 401);
            for (Map.Entry<String, String> token : forged.entrySet()) {
                expect(mismatches, operation, "forged (" + token.getKey() + ")",
                        send(method, path, token.getValue(), body), 401);
            }
            // a service's token is no token at the gateway: another issuer, another key, for another audience
            expect(mismatches, operation, "a service's token", send(method, path, serviceToken, body), 401);
            for (String caller : List.of(STRANGER, AUDITOR, OPERATOR, CUSTOMER)) {
                String role = caller.equals(STRANGER) ? CUSTOMER : caller;
                Answer answer = send(method, path, tokens.get(caller), body);
                if (!rule.roles().contains(role)) {
                    expect(mismatches, operation, caller, answer, 403);
                } else if (caller.equals(STRANGER) && rule.ownedByCustomer()) {
                    expect(mismatches, operation, caller, answer, 404);
                } else if (operation.equals("POST /api/v1/admin/dead-letters/{id}/redrive")) {
                    expect(mismatches, operation, caller, answer, 404);
                } else if (answer.statusCode() < 200 || answer.statusCode() > 299) {
                    mismatches.add(operation + " as " + caller + ": allowed, but answered " + answer.statusCode()
                            + " " + answer.body());
                }
            }
        }
        return mismatches;
    }

    private String fill(String template) {
        String filled = template;
        for (Map.Entry<String, String> value : pathValues.entrySet()) {
            filled = filled.replace("{" + value.getKey() + "}", value.getValue());
        }
        return filled;
    }

    private String target(String path) {
        String target = path.endsWith("/close") ? path.replace("{iban}", pathValues.get("empty")) : path;
        for (Map.Entry<String, String> value : pathValues.entrySet()) {
            target = target.replace("{" + value.getKey() + "}", value.getValue());
        }
        if (path.startsWith("/api/v1/events")) {
            target += "?account=" + ownAccount; // a customer reads the events of its own account only
        }
        return target;
    }

    private static void expect(List<String> mismatches, String operation, String caller, Answer answer,
            int status) {
        boolean problem = answer.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json");
        boolean challenged = status != 401 || answer.headers().firstValue("WWW-Authenticate").isPresent();
        if (answer.statusCode() != status || !problem || !challenged) {
            mismatches.add(operation + " as " + caller + ": expected " + status + " with a problem body, got "
                    + answer.statusCode() + " " + answer.headers().firstValue("Content-Type").orElse("") + " "
                    + answer.body());
        }
    }

    /** An answer: its status, headers and body. */
    record Answer(int statusCode, java.net.http.HttpHeaders headers, String body) {
    }

    /** One request; a live stream's answer is its status and headers (the body is not waited for). */
    Answer send(String method, String path, String token) throws IOException, InterruptedException {
        return send(method, path, token, "{}");
    }

    private Answer send(String method, String path, String token, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
                .header("Accept", path.startsWith("/api/v1/events/stream") ? "text/event-stream" : "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (method.equals("GET")) {
            request.GET();
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        HttpResponse<java.io.InputStream> response = HTTP.send(request.build(),
                HttpResponse.BodyHandlers.ofInputStream());
        String answered;
        if (response.statusCode() == 200 && path.startsWith("/api/v1/events/stream")) {
            response.body().close();
            answered = "(a live stream)";
        } else {
            try (java.io.InputStream in = response.body()) {
                answered = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        return new Answer(response.statusCode(), response.headers(), answered);
    }
}
