package io.eventbank.infrastructure.security;

/**
 * The roles a token carries (claim {@code groups}): customers move their own money, operators run the platform,
 * auditors read everything, and the services call each other.
 */
public final class Roles {

    public static final String CUSTOMER = "customer";
    public static final String OPERATOR = "operator";
    public static final String AUDITOR = "auditor";
    /** The internal services accept calls with this role only: the gateway's (and the ledger's) own token. */
    public static final String SERVICE = "service";

    private Roles() {
    }
}
