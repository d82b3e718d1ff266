package io.eventbank.devstack;

import java.nio.file.Path;
import java.util.List;

/** One of the platform's four Quarkus services, as the launcher runs it. */
public record Service(String name, int port) {

    /** In start order; the gateway last, since it calls the others. */
    public static final List<Service> ALL = List.of(
            new Service("account-service", 8081),
            new Service("transfer-saga", 8082),
            new Service("ledger-projection", 8083),
            new Service("api-gateway", 8080));

    public Path runnableJar(Path projectRoot) {
        return projectRoot.resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
    }

    /** The PostgreSQL schema the service owns (its Flyway migrations make it). */
    public String schema() {
        return switch (name) {
            case "account-service" -> "account";
            case "transfer-saga" -> "transfer";
            case "ledger-projection" -> "ledger";
            case "api-gateway" -> "gateway";
            default -> throw new IllegalArgumentException("no service " + name);
        };
    }

    /** The environment that makes the service connect as its own role (see {@link Database#schemaOwner}). */
    public java.util.Map<String, String> databaseEnvironment(Database administrator) {
        Database own = administrator.schemaOwner(schema());
        return java.util.Map.of("QUARKUS_DATASOURCE_JDBC_URL", own.url().toString(),
                "QUARKUS_DATASOURCE_USERNAME", own.username(),
                "QUARKUS_DATASOURCE_PASSWORD", own.password());
    }

    public Service onPort(int otherPort) {
        return new Service(name, otherPort);
    }
}
