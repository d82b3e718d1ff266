package io.eventbank.devstack.testing;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The five services as real processes on the test JVM's stack, wired to each other as {@code ./eventbank} wires them,
 * for tests that talk to the public API as a client would.
 *
 * @param accounts account-service
 * @param transfers transfer-saga
 * @param ledger ledger-projection
 * @param risk risk-engine
 * @param gateway api-gateway, with the settings the test gave it
 */
public record PlatformUnderTest(ServiceUnderTest accounts, ServiceUnderTest transfers, ServiceUnderTest ledger,
        ServiceUnderTest risk, ServiceUnderTest gateway) implements AutoCloseable {

    private static final Duration READY = Duration.ofSeconds(150);

    /**
     * Starts the five services and waits until each is ready.
     *
     * @param gatewaySettings the gateway's environment besides the services' addresses (its limits, for example)
     */
    public static PlatformUnderTest start(Map<String, String> gatewaySettings) {
        ServiceUnderTest accounts = new ServiceUnderTest("account-service", Map.of());
        ServiceUnderTest transfers = new ServiceUnderTest("transfer-saga", Map.of());
        ServiceUnderTest ledger = new ServiceUnderTest("ledger-projection", Map.of(
                "EVENTBANK_URL_ACCOUNT_SERVICE", accounts.baseUrl()));
        ServiceUnderTest risk = new ServiceUnderTest("risk-engine", Map.of());
        Map<String, String> gatewayEnvironment = new HashMap<>(gatewaySettings);
        gatewayEnvironment.putAll(addresses(accounts, transfers, ledger, risk));
        PlatformUnderTest platform = new PlatformUnderTest(accounts, transfers, ledger, risk,
                new ServiceUnderTest("api-gateway", gatewayEnvironment));
        try {
            platform.all().forEach(service -> service.start(READY));
        } catch (RuntimeException e) {
            platform.close();
            throw e;
        }
        return platform;
    }

    private static Map<String, String> addresses(ServiceUnderTest accounts, ServiceUnderTest transfers,
            ServiceUnderTest ledger, ServiceUnderTest risk) {
        return Map.of("EVENTBANK_URL_ACCOUNT_SERVICE", accounts.baseUrl(),
                "EVENTBANK_URL_TRANSFER_SAGA", transfers.baseUrl(),
                "EVENTBANK_URL_LEDGER_PROJECTION", ledger.baseUrl(),
                "EVENTBANK_URL_RISK_ENGINE", risk.baseUrl());
    }

    /** The environment a second gateway needs to reach these services. */
    public Map<String, String> gatewayEnvironment() {
        return addresses(accounts, transfers, ledger, risk);
    }

    public String gatewayUrl() {
        return gateway.baseUrl();
    }

    /** The services behind the gateway: account-service, transfer-saga, ledger-projection, risk-engine. */
    public List<ServiceUnderTest> internal() {
        return List.of(accounts, transfers, ledger, risk);
    }

    public List<ServiceUnderTest> all() {
        return List.of(accounts, transfers, ledger, risk, gateway);
    }

    @Override
    public void close() {
        all().forEach(ServiceUnderTest::close);
    }
}
