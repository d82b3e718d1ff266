package io.eventbank.devstack.broker;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a client signs in to the broker: every listener is {@code SASL_PLAINTEXT}; a service with SCRAM-SHA-512 as
 * its own user (credentials the broker keeps, made at its start), the administrator with PLAIN (a user of the
 * broker's own configuration, so that it exists before any credential does). Plain Java, no Kafka type: devstack
 * gives the same settings to the services and the tests.
 */
public final class ClientSecurity {

    public static final String PROTOCOL = "SASL_PLAINTEXT";
    public static final String SERVICE_MECHANISM = "SCRAM-SHA-512";
    public static final String ADMIN_MECHANISM = "PLAIN";

    private ClientSecurity() {
    }

    /** A service's client settings, as Kafka properties ({@code security.protocol}, {@code sasl.*}). */
    public static Map<String, String> service(String principal, String password) {
        return settings(SERVICE_MECHANISM, "org.apache.kafka.common.security.scram.ScramLoginModule", principal,
                password);
    }

    /** The administrator's client settings. */
    public static Map<String, String> admin(String password) {
        return settings(ADMIN_MECHANISM, "org.apache.kafka.common.security.plain.PlainLoginModule", Grants.ADMIN,
                password);
    }

    /**
     * The JAAS line a listener of the broker signs the administrator in with: its own user for the connections it
     * opens, and the one PLAIN user it accepts.
     */
    public static String plainListenerLogin(String password) {
        return "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + Grants.ADMIN
                + "\" password=\"" + checked(password) + "\" user_" + Grants.ADMIN + "=\"" + password + "\";";
    }

    private static Map<String, String> settings(String mechanism, String module, String user, String password) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("security.protocol", PROTOCOL);
        settings.put("sasl.mechanism", mechanism);
        settings.put("sasl.jaas.config", module + " required username=\"" + user + "\" password=\""
                + checked(password) + "\";");
        return settings;
    }

    /** A password goes into a JAAS line between quotes: it is made of letters, digits, '-' and '_' only. */
    private static String checked(String password) {
        if (!password.matches("[A-Za-z0-9_-]{16,}")) {
            throw new IllegalArgumentException("a Kafka password is 16 or more of [A-Za-z0-9_-]");
        }
        return password;
    }
}
