package io.eventbank.gateway.rest;

import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * Every request has a correlation id: the client's {@code X-Correlation-Id} when it is a sensible one, a new UUID
 * otherwise. It travels into every command and event the request causes, and comes back in the answer's header.
 */
@Provider
public class Correlation implements ContainerRequestFilter, ContainerResponseFilter {

    static final String HEADER = "X-Correlation-Id";
    private static final Pattern SENSIBLE = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

    @Override
    public void filter(ContainerRequestContext request) {
        String given = request.getHeaderString(HEADER);
        if (given == null || !SENSIBLE.matcher(given).matches()) {
            request.getHeaders().putSingle(HEADER, UUID.randomUUID().toString());
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        String correlation = request.getHeaderString(HEADER);
        if (correlation != null) {
            response.getHeaders().putSingle(HEADER, correlation);
        }
    }
}
