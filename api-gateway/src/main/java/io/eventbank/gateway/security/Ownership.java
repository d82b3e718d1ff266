package io.eventbank.gateway.security;

import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

import io.eventbank.contracts.Iban;
import io.eventbank.gateway.client.AccountServiceClient;
import io.eventbank.infrastructure.json.Json;
import io.eventbank.infrastructure.rest.ProblemType;
import io.eventbank.infrastructure.rest.IbanParameter;
import io.eventbank.infrastructure.rest.ProblemException;
import io.eventbank.infrastructure.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Whose an account is and its currency, from account-service (the account's {@code customerId}: the subject of the
 * token that opened it), kept once known: an account never changes hands or currency. A customer reaches only its own accounts and the transfers
 * that touch them; anything else answers 404, exactly as an account or transfer that does not exist, so that no
 * customer learns what others have. Operators and auditors are not customers: what they may reach is their role's.
 */
@ApplicationScoped
public class Ownership {

    private static final int REMEMBERED = 100_000;
    private static final String NOBODY = "";

    @Inject
    @RestClient
    AccountServiceClient accounts;

    /** What never changes about an account: its owner ({@code ""}: nobody's, a clearing account) and currency. */
    public record Facts(String owner, String currency) {
    }

    /** The facts of the accounts asked about last (the least recently used go first, never all at once). */
    private final Cache<String, Facts> known = Caffeine.newBuilder().maximumSize(REMEMBERED).build();

    /** Whether the caller is held to its own accounts (a customer and nothing more). */
    public static boolean isCustomer(SecurityIdentity caller) {
        return caller.hasRole(Roles.CUSTOMER) && !caller.hasRole(Roles.AUDITOR) && !caller.hasRole(Roles.OPERATOR);
    }

    /**
     * Who calls: the token's subject ({@code sub}), which is the customer's identity; the principal's name for a
     * caller whose identity is not a token.
     */
    public static String subject(SecurityIdentity caller) {
        if (caller.getPrincipal() instanceof JsonWebToken token && token.getSubject() != null) {
            return token.getSubject();
        }
        return caller.getPrincipal().getName();
    }

    /** The IBAN in its electronic form, or a 400 naming the field. */
    public static String iban(String text, String field) {
        return IbanParameter.required(text, field);
    }

    /**
     * To read an account: a customer's own, or any for an operator or auditor; otherwise 404 {@code unknown-account}.
     * Answers the IBAN.
     */
    public String requireOwnAccount(SecurityIdentity caller, String text, String field) {
        String iban = iban(text, field);
        if (isCustomer(caller) && !ownedBy(iban, caller)) {
            throw unknownAccount(iban, field);
        }
        return iban;
    }

    /**
     * To move money out of (or into) an account: the caller's own, whatever other roles its token also carries (an
     * operator who is also a customer moves only its own money); otherwise 404 {@code unknown-account}.
     */
    public String requireOwnAccountToMove(SecurityIdentity caller, String text, String field) {
        String iban = iban(text, field);
        if (!ownedBy(iban, caller)) {
            throw unknownAccount(iban, field);
        }
        return iban;
    }

    /**
     * Four eyes: an operator's command on an account (a limit, a freeze, an unfreeze, a close) is never on the
     * operator's own account, whatever other roles its token carries; 403 {@code forbidden} for one that is. Answers
     * the IBAN.
     */
    public String requireNotOwnAccount(SecurityIdentity caller, String text, String field) {
        String iban = iban(text, field);
        if (ownedBy(iban, caller)) {
            throw ProblemType.FORBIDDEN.exception(
                    "an operator does not act on his own account: another operator does", field);
        }
        return iban;
    }

    private static ProblemException unavailable() {
        return ProblemType.SERVICE_UNAVAILABLE.exception("account-service does not answer; nothing was changed");
    }

    private static ProblemException unknownAccount(String iban, String field) {
        return ProblemType.UNKNOWN_ACCOUNT.exception("no account " + Iban.printable(iban), field);
    }

    /** For a customer, the transfer must touch one of its own accounts; otherwise 404 {@code unknown-transfer}. */
    public void requireOwnTransfer(SecurityIdentity caller, String transferJson, String transferId) {
        if (!isCustomer(caller)) {
            return;
        }
        try {
            Parties transfer = Json.mapper().readValue(transferJson, Parties.class);
            for (String iban : new String[] {transfer.debtorIban(), transfer.creditorIban()}) {
                if (iban != null && Iban.isValid(iban) && ownedBy(iban, caller)) {
                    return;
                }
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            // unreadable: not shown
        }
        throw ProblemType.UNKNOWN_TRANSFER.exception("no transfer " + transferId);
    }

    /** Who a transfer is between, as a service or the read model answers it. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Parties(String debtorIban, String creditorIban) {
    }

    /** What the gateway remembers of an account, as account-service answers it ({@code customerId} null: nobody). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Owned(String customerId, String currency) {
    }

    private boolean ownedBy(String iban, SecurityIdentity caller) {
        return ownerOf(iban).map(owner -> owner.equals(subject(caller))).orElse(false);
    }

    /** The customer who owns the account; empty when nobody does (a clearing account) or there is no such account. */
    Optional<String> ownerOf(String iban) {
        return facts(iban).map(Facts::owner).filter(owner -> !owner.equals(NOBODY));
    }

    /**
     * What never changes about the account, asked of account-service once and then remembered; empty when there is no
     * such account (not remembered: it may be opened later).
     */
    public Optional<Facts> facts(String iban) {
        Facts facts = known.getIfPresent(iban);
        if (facts != null) {
            return Optional.of(facts);
        }
        try (Response response = accounts.get(iban)) {
            if (response.getStatus() == 404) {
                return Optional.empty();
            }
            if (response.getStatus() != 200) {
                throw unavailable();
            }
            Owned account = Json.mapper().readValue(response.readEntity(String.class), Owned.class);
            facts = new Facts(account.customerId() == null ? NOBODY : account.customerId(), account.currency());
            known.put(iban, facts);
            return Optional.of(facts);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        } catch (jakarta.ws.rs.ProcessingException e) {
            throw unavailable();
        }
    }
}
