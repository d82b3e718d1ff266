package io.eventbank.infrastructure.security;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import io.eventbank.infrastructure.rest.ProblemType;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * A missing, expired, forged or otherwise refused token answers 401 {@code unauthenticated} (with
 * {@code WWW-Authenticate: Bearer}); a valid token whose role may not do this answers 403 {@code forbidden}. Neither
 * says more than that, and neither changes anything.
 */
public final class SecurityProblems {

    private SecurityProblems() {
    }

    public static Response unauthenticated() {
        return Response.fromResponse(ProblemType.UNAUTHENTICATED.problem(
                "a valid bearer token is required (Authorization: Bearer <token>)").toResponse())
                .header("WWW-Authenticate", "Bearer").build();
    }

    public static Response forbidden() {
        return ProblemType.FORBIDDEN.problem("the token's role may not do this").toResponse();
    }

    @Provider
    public static class AuthenticationFailedMapper implements ExceptionMapper<AuthenticationFailedException> {

        @Override
        public Response toResponse(AuthenticationFailedException exception) {
            return unauthenticated();
        }
    }

    @Provider
    public static class UnauthorizedMapper implements ExceptionMapper<UnauthorizedException> {

        @Override
        public Response toResponse(UnauthorizedException exception) {
            return unauthenticated();
        }
    }

    @Provider
    public static class ForbiddenMapper implements ExceptionMapper<ForbiddenException> {

        @Override
        public Response toResponse(ForbiddenException exception) {
            return forbidden();
        }
    }
}
