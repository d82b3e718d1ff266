package io.eventbank.infrastructure.rest;

import java.util.UUID;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;

import org.jboss.logging.MDC;

/**
 * Every request to every service has a correlation id: the caller's {@code X-Correlation-Id} when it is a sensible one
 * ({@link CorrelationIds}), a new UUID otherwise. It travels into every command and event the request causes, and
 * comes back in the answer's header, and every log line of the request names it ({@code %X{correlationId}}).
 */
@Provider
public class CorrelationFilter implements ContainerRequestFilter, ContainerResponseFilter {

    public static final String HEADER = "X-Correlation-Id";

    /** The logging context's key of the correlation id: every log line of the request names it. */
    public static final String LOG_KEY = "correlationId";

    @Override
    public void filter(ContainerRequestContext request) {
        if (!CorrelationIds.isSensible(request.getHeaderString(HEADER))) {
            request.getHeaders().putSingle(HEADER, UUID.randomUUID().toString());
        }
        MDC.put(LOG_KEY, request.getHeaderString(HEADER));
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        String correlation = request.getHeaderString(HEADER);
        if (correlation != null) {
            response.getHeaders().putSingle(HEADER, correlation);
        }
        MDC.remove(LOG_KEY);
    }
}
