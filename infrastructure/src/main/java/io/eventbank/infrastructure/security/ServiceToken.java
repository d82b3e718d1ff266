package io.eventbank.infrastructure.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;

import org.eclipse.microprofile.rest.client.ext.ClientHeadersFactory;

/**
 * The service's own token for the service a REST client calls ({@link ServiceCredential}), on every call of a REST
 * client that registers the factory of that service: the internal services accept no other caller. A caller's own
 * token is never passed on.
 */
public abstract class ServiceToken implements ClientHeadersFactory {

    @Inject
    ServiceCredential credential;

    /** The service called: the token's audience. */
    protected abstract String audience();

    @Override
    public MultivaluedMap<String, String> update(MultivaluedMap<String, String> incoming,
            MultivaluedMap<String, String> outgoing) {
        MultivaluedMap<String, String> headers = new MultivaluedHashMap<>(outgoing);
        headers.remove("Authorization");
        credential.tokenFor(audience()).ifPresent(token -> headers.putSingle("Authorization", "Bearer " + token));
        return headers;
    }

    /** For calls to account-service. */
    @ApplicationScoped
    public static class ToAccountService extends ServiceToken {
        @Override
        protected String audience() {
            return "account-service";
        }
    }

    /** For calls to transfer-saga. */
    @ApplicationScoped
    public static class ToTransferSaga extends ServiceToken {
        @Override
        protected String audience() {
            return "transfer-saga";
        }
    }

    /** For calls to risk-engine. */
    @ApplicationScoped
    public static class ToRiskEngine extends ServiceToken {
        @Override
        protected String audience() {
            return "risk-engine";
        }
    }

    /** For calls to ledger-projection. */
    @ApplicationScoped
    public static class ToLedgerProjection extends ServiceToken {
        @Override
        protected String audience() {
            return "ledger-projection";
        }
    }
}
