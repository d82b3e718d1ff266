package io.eventbank.infrastructure.security;

import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.rest.client.ext.ClientHeadersFactory;

/**
 * The service's own bearer token ({@code eventbank.service-token}, from {@code EVENTBANK_SERVICE_TOKEN}) on every call
 * of a REST client that registers this factory: the internal services accept no other caller. A caller's own token is
 * never passed on.
 */
public class ServiceToken implements ClientHeadersFactory {

    @Override
    public MultivaluedMap<String, String> update(MultivaluedMap<String, String> incoming,
            MultivaluedMap<String, String> outgoing) {
        MultivaluedMap<String, String> headers = new MultivaluedHashMap<>(outgoing);
        headers.remove("Authorization");
        ConfigProvider.getConfig().getOptionalValue("eventbank.service-token", String.class)
                .filter(token -> !token.isBlank())
                .ifPresent(token -> headers.putSingle("Authorization", "Bearer " + token));
        return headers;
    }
}
