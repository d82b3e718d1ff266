package io.eventbank.infrastructure.rest;

import com.fasterxml.jackson.annotation.JsonInclude;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * An RFC 9457 problem: {@code type} is stable per error ({@code https://eventbank.io/problems/insufficient-funds}),
 * {@code title} says it for people, {@code code} for programs, {@code field} names the offending input if any.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String code, String field,
        String instance) {

    public static final String TYPE_BASE = "https://eventbank.io/problems/";
    public static final MediaType MEDIA_TYPE = new MediaType("application", "problem+json");

    /**
     * A problem whose type is {@code TYPE_BASE + slug}, where slug is the code in lower case with hyphens: for the
     * answer to an HTTP error the framework raises itself; every other problem is a {@link ProblemType}.
     */
    static Problem of(int status, String code, String title, String detail) {
        return new Problem(TYPE_BASE + slug(code), title, status, detail, code, null, null);
    }

    public Problem withField(String offendingField) {
        return new Problem(type, title, status, detail, code, offendingField, instance);
    }

    public Problem withInstance(String requestPath) {
        return new Problem(type, title, status, detail, code, field, requestPath);
    }

    public Response toResponse() {
        return Response.status(status).type(MEDIA_TYPE).entity(this).build();
    }

    public static String slug(String code) {
        return code.toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
