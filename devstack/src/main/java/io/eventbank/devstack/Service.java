package io.eventbank.devstack;

import java.nio.file.Path;
import java.util.List;

/** One of the platform's five Quarkus services, as the launcher runs it. */
public record Service(String name, int port) {

    /** In start order; the gateway last, since it calls the others. */
    public static final List<Service> ALL = List.of(
            new Service("account-service", 8081),
            new Service("transfer-saga", 8082),
            new Service("ledger-projection", 8083),
            new Service("risk-engine", 8084),
            new Service("api-gateway", 8080));

    public Path runnableJar(Path projectRoot) {
        return projectRoot.resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
    }

    /**
     * The PostgreSQL schema the service owns (its Flyway migrations make it), or null for the risk engine, whose state
     * lives in Kafka Streams' stores.
     */
    public String schema() {
        return switch (name) {
            case "account-service" -> "account";
            case "transfer-saga" -> "transfer";
            case "ledger-projection" -> "ledger";
            case "api-gateway" -> "gateway";
            case "risk-engine" -> null;
            default -> throw new IllegalArgumentException("no service " + name);
        };
    }

    /**
     * The environment that makes the service connect as its own role (see {@link Database#schemaOwner}); none for a
     * service without a schema.
     */
    public java.util.Map<String, String> databaseEnvironment(Database administrator) {
        if (schema() == null) {
            return java.util.Map.of();
        }
        Database own = administrator.schemaOwner(schema());
        return java.util.Map.of("QUARKUS_DATASOURCE_JDBC_URL", own.url().toString(),
                "QUARKUS_DATASOURCE_USERNAME", own.username(),
                "QUARKUS_DATASOURCE_PASSWORD", own.password());
    }

    /**
     * Where the service keeps local state of its own, under the platform's {@code home}: the risk engine's Kafka
     * Streams stores (their local copy; the changelog topics on the broker are what they are rebuilt from). None for
     * the others, whose state is in PostgreSQL.
     */
    public java.util.Map<String, String> stateEnvironment(Path home) {
        return name.equals("risk-engine")
                ? java.util.Map.of("EVENTBANK_RISK_STATE_DIR", home.resolve(name).toAbsolutePath().toString())
                : java.util.Map.of();
    }

    public Service onPort(int otherPort) {
        return new Service(name, otherPort);
    }
}
