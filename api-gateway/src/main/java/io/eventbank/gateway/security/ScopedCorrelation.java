package io.eventbank.gateway.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;

import io.eventbank.infrastructure.rest.CorrelationFilter;
import io.eventbank.infrastructure.rest.CorrelationIds;
import io.quarkus.security.identity.SecurityIdentity;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A correlation id a client chooses ({@code X-Correlation-Id}) is its own: the gateway keeps it within the caller,
 * as {@code <the client's id>:<eight hex digits that stand for the caller>}, so that two callers who choose the same
 * id never share a trace in the auditor's view, and no customer can put its events into another's. The answer's
 * header gives the id as kept; sent again, it stays as it is.
 */
public class ScopedCorrelation {

    private static final int MOST = 100;

    @Inject
    SecurityIdentity caller;

    /** Before the correlation id is taken ({@link CorrelationFilter}), once the caller is known. */
    @ServerRequestFilter(priority = Priorities.USER - 100)
    public void scope(ContainerRequestContext request) {
        String chosen = request.getHeaderString(CorrelationFilter.HEADER);
        if (chosen == null || caller.isAnonymous() || !CorrelationIds.isSensible(chosen)) {
            return; // none, or one that is not kept anyway: the service makes a new one
        }
        request.getHeaders().putSingle(CorrelationFilter.HEADER, scoped(chosen, Ownership.subject(caller)));
    }

    static String scoped(String chosen, String subject) {
        String mark = ":" + digest(subject);
        if (chosen.endsWith(mark)) {
            return chosen;
        }
        String own = chosen.length() > MOST - mark.length() ? chosen.substring(0, MOST - mark.length()) : chosen;
        return own + mark;
    }

    private static String digest(String subject) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(("correlation\n" + subject).getBytes(StandardCharsets.UTF_8))).substring(0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
