package io.eventbank.gateway.rest;

import java.util.LinkedHashMap;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Every operation of the public API documents the problems it may answer with (RFC 9457, {@code Problem}), so the
 * OpenAPI document and Swagger UI list them beside the answer: the ones every call may meet (no or a bad token, a role
 * that may not call it, a service away), and by kind of operation the others (a bad parameter, an unknown resource, a
 * write's refusals and limits, a wait that ends). docs/api.md has the whole table of problem types.
 */
public class OpenApiProblems implements OASFilter {

    private static final String PROBLEM = "#/components/schemas/Problem";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents().addSchema("Problem", problemSchema());
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            if (path.startsWith("/api/v1")) {
                item.getOperations().forEach((method, operation) -> document(path, method, operation));
            }
        });
    }

    private static void document(String path, PathItem.HttpMethod method, Operation operation) {
        boolean write = method != PathItem.HttpMethod.GET;
        Map<String, String> problems = new LinkedHashMap<>();
        problems.put("400", "validation-failed (a field, limit, wait, filter or cursor, named in field) or"
                + " malformed-request (not the JSON this endpoint takes)");
        problems.put("401", "unauthenticated: no bearer token, or one that is expired, forged or another issuer's");
        problems.put("403", "forbidden: the token's role may not call this" + (write
                ? "; clearing-account: a bank's clearing account takes no part" : ""));
        if (path.contains("{")) {
            problems.put("404", "unknown-account, unknown-transfer, unknown-event or unknown-projection (also for a"
                    + " customer's request for what is not its own)");
        }
        if (write) {
            problems.put("409", "the account's state refuses (account-frozen, account-closed, already-frozen,"
                    + " not-frozen, balance-not-zero), idempotency-key-in-use, or replay-running");
            problems.put("422", "the account refuses (insufficient-funds, currency-mismatch, invalid-amount,"
                    + " overdraft-limit-too-high, same-account, unknown-bank), or idempotency-key-reused");
            problems.put("429", "too-many-requests: the caller's write limit; Retry-After says when");
        }
        if (path.equals("/api/v1/events/stream")) {
            problems.put("429", "too-many-requests: the caller's or everyone's live streams; Retry-After says when");
        }
        if (path.equals("/api/v1/accounts/{iban}")) {
            problems.put("504", "not-yet-applied: the read model did not apply waitForEvent within wait");
        }
        problems.put("503", "service-unavailable: a service behind the gateway does not answer; nothing changed"
                + " unless a retry with the same Idempotency-Key says so");
        APIResponses responses = operation.getResponses() == null ? OASFactory.createAPIResponses()
                : operation.getResponses();
        problems.forEach((status, description) -> {
            // a response the generator made already (such as 400 for a validated body) gets the problem's body too
            APIResponse response = responses.getAPIResponse(status);
            if (response == null) {
                responses.addAPIResponse(status, OASFactory.createAPIResponse().description(description)
                        .content(problemContent()));
            } else if (response.getContent() == null || response.getContent().getMediaTypes() == null
                    || response.getContent().getMediaTypes().isEmpty()) {
                response.description(description).content(problemContent());
            }
        });
        operation.setResponses(responses);
    }

    private static Content problemContent() {
        return OASFactory.createContent().addMediaType("application/problem+json",
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM)));
    }

    private static Schema problemSchema() {
        return OASFactory.createSchema().type(java.util.List.of(Schema.SchemaType.OBJECT))
                .description("An RFC 9457 problem: type is stable per error")
                .addProperty("type", text("https://eventbank.io/problems/insufficient-funds"))
                .addProperty("title", text("Insufficient funds"))
                .addProperty("status", OASFactory.createSchema().type(java.util.List.of(Schema.SchemaType.INTEGER))
                        .examples(java.util.List.of(422)))
                .addProperty("detail", text("the balance and overdraft limit do not cover 1000.00 EUR"))
                .addProperty("code", text("INSUFFICIENT_FUNDS"))
                .addProperty("field", text("amount"))
                .addProperty("instance", text("/api/v1/transfers"));
    }

    private static Schema text(String example) {
        return OASFactory.createSchema().type(java.util.List.of(Schema.SchemaType.STRING))
                .examples(java.util.List.of(example));
    }
}
