package io.eventbank.gateway.security;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

import io.eventbank.infrastructure.rest.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Every read of the public API ({@code GET /api/v1/...}) by a caller with a token takes one from the caller's read
 * bucket ({@link CallerLimits#admitRead}), before it reaches a service: a caller who reads too fast gets 429 and holds
 * back nobody else. Requests without a token are the security layer's to refuse.
 */
public class ReadLimits {

    @Inject
    CallerLimits limits;
    @Inject
    SecurityIdentity caller;

    @ServerRequestFilter
    public Response admit(ContainerRequestContext request) {
        if (!"GET".equals(request.getMethod()) || caller.isAnonymous()
                || !request.getUriInfo().getPath().startsWith("/api/v1/")) {
            return null;
        }
        try {
            limits.admitRead(Ownership.subject(caller));
            return null;
        } catch (ProblemException tooMany) {
            return tooMany.toResponse();
        }
    }
}
