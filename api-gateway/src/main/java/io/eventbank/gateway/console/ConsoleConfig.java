package io.eventbank.gateway.console;

import java.util.Optional;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * What the web console (served at {@code /}) needs to know before anyone signs in: whether the gateway trusts an
 * external OpenID Connect issuer whose login flow the console offers (its issuer, the console's client id and the
 * scopes), or only pasted tokens. Public: it holds nothing secret.
 */
@Path("/console/config.json")
@PermitAll
public class ConsoleConfig {

    /** The issuer's login flow: authorization code with PKCE, the console a public client. */
    public record Oidc(String issuer, String clientId, String scope) {
    }

    public record Config(Oidc oidc) {
    }

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.issuer")
    String issuer;
    @Inject
    @ConfigProperty(name = "eventbank.console.oidc.client-id")
    Optional<String> clientId;
    @Inject
    @ConfigProperty(name = "eventbank.console.oidc.scope", defaultValue = "openid")
    String scope;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public Config config() {
        return new Config(clientId.filter(id -> !id.isBlank()).map(id -> new Oidc(issuer, id, scope)).orElse(null));
    }
}
